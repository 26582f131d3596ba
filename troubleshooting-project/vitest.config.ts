import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Pin the process zone so a result never depends on the laptop that runs it:
    // the generator must get every zone from its argument, not from the machine.
    env: { TZ: 'UTC' },
  },
});
