// Preloaded by bench/profile.ts: after Nest's own SIGTERM shutdown, exit normally so --cpu-prof is written.
process.on('SIGTERM', () => setTimeout(() => process.exit(0), 1500).unref());
