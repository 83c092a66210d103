// The charts load with the first page that draws one, not with the app: their code is a separate chunk.
import { lazy, Suspense, type ComponentProps } from 'react';
import { Skeleton } from '../ui/skeleton';

const Line = lazy(() => import('./line-chart'));
const Pie = lazy(() => import('./pie-chart'));

export function LazyLineChart(props: ComponentProps<typeof Line>) {
  return (
    <Suspense fallback={<Skeleton className="h-60 w-full" />}>
      <Line {...props} />
    </Suspense>
  );
}

export function LazyPieChart(props: ComponentProps<typeof Pie>) {
  return (
    <Suspense fallback={<Skeleton className="size-40 rounded-full" />}>
      <Pie {...props} />
    </Suspense>
  );
}
