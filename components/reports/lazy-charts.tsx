'use client';

import dynamic from 'next/dynamic';

// The charts' code (Recharts and its d3 parts, about 115 KB gzip) is not in the reports' first
// load: the page, its key figures and its lists come first, each chart fills its fixed-height
// frame when its code arrives (no layout shift).
const placeholder = () => <div className="h-72 w-full animate-pulse rounded-xl border bg-muted/40" aria-hidden="true" />;

export const SlaCharts = dynamic(() => import('./report-charts').then((m) => m.SlaCharts), { ssr: false, loading: placeholder });
export const UsageCharts = dynamic(() => import('./report-charts').then((m) => m.UsageCharts), { ssr: false, loading: placeholder });
