import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { caller, typed } from '../../platform/http.js';
import { ErrorBody, pageOf, Paging } from '../../platform/schemas.js';
import type { OrgService, RegionNode } from './service.js';

const Level = z.enum(['province', 'city', 'county']);
const RegionNodeSchema: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    level: Level,
    kind: z.enum(['admin', 'functional']),
    parentCode: z.string().nullable(),
    children: z.array(RegionNodeSchema),
  }),
).meta({ id: 'RegionNode' });
const Person = z.object({ position: z.string(), name: z.string(), title: z.string() });
const CommandSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  officeDepartmentName: z.string().nullable(),
  officeLocation: z.string(),
  members: z.array(Person),
  taskForces: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      name: z.string(),
      sector: z.string().nullable(),
      leadDepartmentName: z.string().nullable(),
      officeLocation: z.string(),
      responsibilities: z.string(),
      members: z.array(Person),
    }),
  ),
});
const RegionQuery = z.object({ regionCode: z.string().regex(/^\d{6}$/) });
const auth = { 401: ErrorBody, 403: ErrorBody };

export function orgRoutes(org: OrgService) {
  return async (app: FastifyInstance) => {
    const r = typed(app);
    const cfg = { permission: 'org.read' };

    r.get(
      '/api/org/summary',
      {
        config: cfg,
        schema: {
          tags: ['org'],
          summary: '辖区概况 Counts in the caller’s scope',
          response: {
            200: z.object({ regions: z.number(), commands: z.number(), taskForces: z.number(), departments: z.number(), users: z.number(), enterprises: z.number() }),
            ...auth,
          },
        },
      },
      async (req) => org.summary(caller(req).scope),
    );

    r.get(
      '/api/org/regions',
      { config: cfg, schema: { tags: ['org'], summary: '行政区划树 Region tree', response: { 200: z.array(RegionNodeSchema), ...auth } } },
      async (req) => org.regionTree(caller(req).scope),
    );

    r.get(
      '/api/org/commands',
      {
        config: cfg,
        schema: { tags: ['org'], summary: '指挥部与工作专班 Commands and task forces', querystring: RegionQuery, response: { 200: z.array(CommandSchema), 400: ErrorBody, 404: ErrorBody, ...auth } },
      },
      async (req) => org.commandsOf(caller(req).scope, req.query.regionCode),
    );

    r.get(
      '/api/org/departments',
      {
        config: cfg,
        schema: {
          tags: ['org'],
          summary: '部门 Departments of a region',
          querystring: RegionQuery,
          response: { 200: z.array(z.object({ id: z.string(), regionCode: z.string(), kind: z.string(), name: z.string() })), 400: ErrorBody, 404: ErrorBody, ...auth },
        },
      },
      async (req) => org.departmentsOf(caller(req).scope, req.query.regionCode),
    );

    r.get(
      '/api/org/enterprises',
      {
        config: cfg,
        schema: {
          tags: ['org'],
          summary: '企业查找 Enterprise lookup',
          querystring: z.object({ q: z.string().trim().max(100).optional(), regionCode: z.string().regex(/^\d{6}$/).optional(), ...Paging }),
          response: {
            200: pageOf(z.object({ id: z.string(), name: z.string(), uscc: z.string(), sector: z.string(), regionCode: z.string(), regionName: z.string() })),
            400: ErrorBody,
            404: ErrorBody,
            ...auth,
          },
        },
      },
      async (req) => org.enterprisesPage(caller(req).scope, req.query),
    );
  };
}
