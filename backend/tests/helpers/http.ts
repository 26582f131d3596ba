import request from 'supertest';
import { createApp, type AppDependencies } from '../../src/app.js';
import { createLogger } from '../../src/config/logger.js';
import type { Store } from '../../src/store/store.js';
import { silentConfig } from './factories.js';

type Overrides = Partial<Omit<AppDependencies, 'store' | 'config'>> & { config?: Partial<AppDependencies['config']> };

export function testApp(store: Store, overrides: Overrides = {}) {
  const { config, ...rest } = overrides;
  return createApp({ store, config: { ...silentConfig, ...config }, logger: createLogger({ level: 'silent', json: true }), ...rest });
}

/** Small helpers that go through the API itself, as an integrator would. */
export function apiClient(app: ReturnType<typeof testApp>) {
  const tag = () => Math.random().toString(36).slice(2, 10);
  return {
    http: request(app),
    async doctor(body: Record<string, unknown> = {}) {
      const response = await request(app)
        .post('/api/doctors')
        .send({ name: `Dr. ${tag()}`, specialty: 'Cardiology', ...body });
      if (response.status !== 201) throw new Error(`doctor: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.data as { id: string; _id: string; name: string; slotMinutes: number };
    },
    async patient(body: Record<string, unknown> = {}) {
      const id = tag();
      const response = await request(app)
        .post('/api/patients')
        .send({ name: `Patient ${id}`, email: `p.${id}@example.org`, ...body });
      if (response.status !== 201) throw new Error(`patient: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.data as { id: string; name: string; email: string };
    },
  };
}
