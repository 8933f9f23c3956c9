export function TimelineSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-busy="true" className="space-y-6 py-4">
      <span className="sr-only">Loading events…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden="true" className="grid gap-4 sm:grid-cols-[8.5rem_1fr]">
          <div className="skeleton h-4 w-24" />
          <div className="space-y-2">
            <div className="skeleton h-4 w-40" />
            <div className="skeleton h-5 w-3/4" />
            <div className="skeleton h-4 w-full" />
          </div>
        </div>
      ))}
    </div>
  );
}
