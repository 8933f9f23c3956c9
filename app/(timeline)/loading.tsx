import { TimelineSkeleton } from '@/components/timeline/timeline-skeleton';

export default function Loading() {
  return (
    <div className="mx-auto max-w-4xl px-4 py-6">
      <div className="skeleton h-8 w-48" />
      <TimelineSkeleton />
    </div>
  );
}
