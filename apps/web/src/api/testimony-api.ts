import type {
  ContributeDto,
  CreateThemeDto,
  MyPieceView,
  Page,
  PieceView,
  PublicRegionTestimonyView,
  PublicTestimonyView,
  ThemeView,
  UpdateThemeDto,
} from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';
import { queryString } from './directory-feed-api';

/** Whose themes: a LERO's (`/api/v1/tenants/{id}/advocacy/…`) or a region's own (`/api/v1/regions/{id}/…`, ADR 0076). */
export type TestimonyOwner = { kind: 'lero' | 'region'; id: string };

/** A LERO's or a region's collective testimony (ADR 0066, 0076), as the viewer. */
export class TestimonyApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
    private readonly owner: TestimonyOwner,
  ) {}

  private call = <T>(method: string, rest: string, body?: unknown) =>
    this.api.request<T>(method, `${this.base}${rest}`, this.ctx, body);

  private get base() {
    return `/api/v1/${this.owner.kind === 'lero' ? 'tenants' : 'regions'}/${id(this.owner.id)}/advocacy`;
  }

  themes = (cursor?: string) =>
    this.call<Page<ThemeView>>('GET', `/themes${queryString({ limit: 100, cursor })}`);
  theme = (themeId: string) => this.call<ThemeView>('GET', `/themes/${id(themeId)}`);
  createTheme = (dto: CreateThemeDto) => this.call<ThemeView>('POST', '/themes', dto);
  changeTheme = (themeId: string, dto: UpdateThemeDto) =>
    this.call<ThemeView>('PATCH', `/themes/${id(themeId)}`, dto);
  openTheme = (themeId: string) => this.call<ThemeView>('POST', `/themes/${id(themeId)}/open`);
  closeTheme = (themeId: string) => this.call<ThemeView>('POST', `/themes/${id(themeId)}/close`);
  pieces = (themeId: string) => this.call<{ items: PieceView[] }>('GET', `/themes/${id(themeId)}/pieces`);
  /** The board's PDF of a published theme, handed on as the API sends it. */
  pdf = (themeId: string) => this.api.download(`${this.base}/themes/${id(themeId)}/testimony.pdf`, this.ctx);

  contribute = (themeId: string, dto: ContributeDto) =>
    this.call<MyPieceView>('POST', `/themes/${id(themeId)}/pieces`, dto);
  /** A change of one piece: staff's `approve`/`decline`, the contributor's `accept`/`withdraw`. */
  pieceChange = (themeId: string, pieceId: string, change: 'approve' | 'decline' | 'accept' | 'withdraw') =>
    this.call<PieceView>('POST', `/themes/${id(themeId)}/pieces/${id(pieceId)}/${change}`);
  proposeEdit = (themeId: string, pieceId: string, text: string) =>
    this.call<PieceView>('POST', `/themes/${id(themeId)}/pieces/${id(pieceId)}/edit`, { text });
  mine = () => this.call<{ items: MyPieceView[] }>('GET', '/my-testimony');
}

/** A LERO's published testimony, which anyone may read (`/api/v1/public/leros/{slug}/testimony`). */
export const publicTestimony = (api: HearthApi, ctx: CallContext, slug: string) =>
  api.request<PublicTestimonyView>('GET', `/api/v1/public/leros/${id(slug)}/testimony`, ctx);

/** A region's own and its LEROs' published testimony (`/api/v1/public/regions/{slug}/testimony`). */
export const publicRegionTestimony = (api: HearthApi, ctx: CallContext, slug: string) =>
  api.request<PublicRegionTestimonyView>('GET', `/api/v1/public/regions/${id(slug)}/testimony`, ctx);

const id = (value: string) => encodeURIComponent(value);
