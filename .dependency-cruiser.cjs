/**
 * The import rules of docs/architecture.md, checked by `npm run lint` (so in CI):
 * app -> components -> server -> db -> lib. A module imports from its own floor or a floor below,
 * never above; lib/ imports nothing of ours outside lib/. Tests sit beside the code they test and
 * may reach further down for fixtures, but not up. No import cycles anywhere.
 */
const floorsAbove = {
  lib: '^(db|server|components|app)/',
  db: '^(server|components|app)/',
  server: '^(components|app)/',
  components: '^app/',
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: split the shared part into a module both can import.',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(floorsAbove).map(([floor, above]) => ({
      name: `${floor}-imports-down-only`,
      severity: 'error',
      comment: `${floor}/ may not import from a floor above it (docs/architecture.md).`,
      from: { path: `^${floor}/` },
      to: { path: above },
    })),
    {
      name: 'behind-the-store',
      severity: 'error',
      comment:
        'Events, the timeline and accounts answer through the data-access interface (getStore() in db/index.ts; decision 0045): above db/, call the store, never an engine\'s own functions.',
      from: { path: '^(app|components|server)/', pathNot: '\\.test\\.tsx?$' },
      to: {
        path: '^db/(pg/|store/(sqlite|postgres|auth-sqlite|auth-postgres)\\.ts|mutations/events\\.ts|queries/(timeline-view|events-page)\\.ts)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-app-outside-app',
      severity: 'error',
      comment: 'Routes are leaves: nothing outside app/ imports them (tests beside a route may).',
      from: { path: '^(?!app/)', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^app/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|db/migrations|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
