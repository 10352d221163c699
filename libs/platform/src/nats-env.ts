import { IsOptional, IsString, MinLength } from 'class-validator';

/** How an app signs in to NATS: its own user's password, and TLS where NATS is off-host. */
export class NatsCredentialsEnv {
  /** This app's password on NATS (it connects as the user named after it; see deploy/nats). Or `_FILE`. */
  @IsOptional()
  @IsString()
  NATS_PASSWORD?: string;

  @IsOptional()
  @IsString()
  NATS_PASSWORD_FILE?: string;

  /** The CA that signed the NATS server's certificate (TLS); with a client certificate when it asks for one. */
  @IsOptional()
  @IsString()
  NATS_TLS_CA_FILE?: string;

  @IsOptional()
  @IsString()
  NATS_TLS_CERT_FILE?: string;

  @IsOptional()
  @IsString()
  NATS_TLS_KEY_FILE?: string;
}

/** How an app reaches NATS: the server, and its credentials. */
export class NatsClientEnv extends NatsCredentialsEnv {
  @IsString()
  @MinLength(1)
  NATS_URL: string = 'nats://127.0.0.1:4222';
}
