'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { slotLabels } from '@/lib/config/kyc';
import type { KycFileDto } from '@/lib/validation/account';

/** The submission's documents, each with zoom and rotate; PDFs open on their own (sandboxed). */
export function DocumentViewer({ submissionId, files }: { submissionId: string; files: KycFileDto[] }) {
  if (files.length === 0) return <p className="text-sm">No documents.</p>;
  return (
    <div className="flex flex-col gap-6">
      {files.map((f) => (
        <Document key={f.id} submissionId={submissionId} file={f} />
      ))}
    </div>
  );
}

function Document({ submissionId, file }: { submissionId: string; file: KycFileDto }) {
  const [zoom, setZoom] = useState(1);
  const [turn, setTurn] = useState(0);
  const src = `/api/v1/kyc/submissions/${submissionId}/files/${file.id}`;
  const label = slotLabels[file.slot];
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span className="font-medium">
          {label} <span className="text-muted-foreground">({file.fileName})</span>
        </span>
        {!file.purged && file.contentType !== 'application/pdf' && (
          <span className="flex gap-1" role="group" aria-label={`View controls: ${label}`}>
            <Button variant="outline" size="sm" onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))} aria-label={`Zoom out: ${label}`}>
              −
            </Button>
            <span className="px-1 py-1 text-xs" aria-live="polite">
              {Math.round(zoom * 100)}%
            </span>
            <Button variant="outline" size="sm" onClick={() => setZoom((z) => Math.min(4, z + 0.25))} aria-label={`Zoom in: ${label}`}>
              +
            </Button>
            <Button variant="outline" size="sm" onClick={() => setTurn((t) => (t + 90) % 360)} aria-label={`Rotate: ${label}`}>
              Rotate
            </Button>
          </span>
        )}
      </figcaption>
      {file.purged ? (
        <p className="rounded border p-4 text-sm text-muted-foreground">Deleted after the retention period; the decision and the fields stay.</p>
      ) : file.contentType === 'application/pdf' ? (
        <a className="w-fit rounded border px-3 py-2 text-sm text-primary hover:underline" href={src} target="_blank" rel="noopener noreferrer">
          Open the PDF ({(file.sizeBytes / 1024).toFixed(0)} KB)
        </a>
      ) : (
        <div className="max-h-[32rem] overflow-auto rounded border bg-secondary/40 p-2">
          {/* eslint-disable-next-line @next/next/no-img-element -- a private, uncached document: no image optimisation */}
          <img src={src} alt={`${label} uploaded by the applicant`} className="origin-center transition-transform" style={{ transform: `scale(${zoom}) rotate(${turn}deg)` }} />
        </div>
      )}
    </figure>
  );
}
