'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { describedBy, Field } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { StatusBadge } from '@/components/ui/status-badge';
import { kycDocumentTypes, type KycKind, type KycSlot } from '@/lib/config/enums';
import { documentTypeLabels, kycKindLabels, kycSteps, missingInStep, slotLabels, type KycFields } from '@/lib/config/kyc';
import type { KycFileDto, MyKycDto } from '@/lib/validation/account';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';

type ApiError = { error: { code: string; message: string; details?: { fieldErrors?: Record<string, string[]> } } };

async function send(kind: KycKind, body: Record<string, unknown> | FormData): Promise<MyKycDto> {
  const isForm = body instanceof FormData;
  if (isForm) body.set('kind', kind);
  const res = await fetch('/api/v1/me/kyc', {
    method: 'POST',
    headers: isForm ? undefined : { 'Content-Type': 'application/json' },
    body: isForm ? body : JSON.stringify({ kind, ...body }),
  });
  const json = (await res.json().catch(() => null)) as MyKycDto | ApiError | null;
  if (!res.ok || !json || 'error' in json) throw json && 'error' in json ? json.error : { code: 'INTERNAL_ERROR', message: 'Something went wrong. Try again.' };
  return json;
}

const fieldLabels: Record<keyof KycFields, string> = {
  legalName: 'Legal name (as on your document)',
  dateOfBirth: 'Date of birth',
  country: 'Country (two letters, e.g. us)',
  address: 'Address',
  documentType: 'Document type',
  documentExpiresOn: 'Valid until',
  companyName: 'Company name',
  registrationNumber: 'Registration number',
};

const intro: Record<KycKind, string[]> = {
  identity: [
    'Your legal name, date of birth, country and address.',
    'A photo or scan of one identity document: a passport, a national ID card (front and back) or a driving licence (front and back).',
    'Optionally a selfie, which speeds up the review.',
    'JPEG, PNG or PDF files of at most 10 MB each.',
  ],
  address: ['Your current address.', 'A recent utility bill or bank statement showing it (JPEG, PNG or PDF, at most 10 MB).'],
  business: ['Your company name, registration number and country.', 'The company registration document (JPEG, PNG or PDF, at most 10 MB).'],
};

const why: Record<KycKind, string> = {
  identity: 'The law requires providers to know who their customers are. Verifying lifts the guest limits and lets you choose a plan.',
  address: 'This provider upgrades basic users to advanced once their address is verified.',
  business: 'This provider upgrades advanced users to company once the business is verified.',
};

/**
 * The KYC stepper: one step at a time ("Step 2 of 5"), Back keeps what was entered (every step
 * is saved on the server as it is left), and a returning applicant resumes at the first
 * incomplete step. After submitting, the page asks the server every few seconds and shows the
 * decision when it comes.
 */
export function KycStepper({ slug, kind, initial }: { slug: string; kind: KycKind; initial: MyKycDto }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = ['me-kyc', kind];
  const { data } = useQuery({
    queryKey: key,
    queryFn: async () => {
      const res = await fetch(`/api/v1/me/kyc?kind=${kind}`);
      if (!res.ok) throw new Error('Could not load your verification.');
      return (await res.json()) as MyKycDto;
    },
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.current?.status === 'submitted' || q.state.data?.current?.status === 'in_review' ? 5000 : false),
  });
  const kyc = data ?? initial;
  const current = kyc.current;
  const steps = kycSteps[kind];
  const editing = current?.status === 'in_progress' || !current;
  const [step, setStep] = useState(editing ? kyc.resumeStep : 0);
  const [fields, setFields] = useState<KycFields>(() => pick(current));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const files = new Map((current?.status === 'in_progress' ? current.files : []).map((f) => [f.slot, f]));

  useEffect(() => {
    // Focus follows the step (not on first render), so a keyboard or screen reader user hears where they are.
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const update = (next: MyKycDto) => {
    queryClient.setQueryData(key, next);
    if (next.current?.status === 'in_progress') setFields(pick(next.current));
  };

  const fail = (e: unknown, fallbackField?: string) => {
    const err = e as ApiError['error'];
    const fe = err?.details?.fieldErrors ?? {};
    const mapped: Record<string, string> = {};
    for (const [k, v] of Object.entries(fe)) mapped[k.replace(/^body\./, '')] = v[0]!;
    if (fallbackField && Object.keys(mapped).length === 0) mapped[fallbackField] = err?.message ?? 'Something went wrong.';
    setErrors(mapped);
    setMessage(err?.message ?? 'Something went wrong. Try again.');
  };

  const save = async (goTo: number) => {
    const s = steps[step]!;
    const missing = goTo > step ? missingInStep(s, fields, new Set(files.keys())) : [];
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((m) => [m in fieldLabels ? m : `files.${m}`, 'This is required.'])));
      setMessage('Fill in the highlighted fields to continue.');
      return;
    }
    setErrors({});
    setMessage(null);
    const changed = Object.fromEntries(s.fields.map((f) => [f, fields[f] || undefined]));
    if (s.fields.length > 0) {
      setBusy('save');
      try {
        update(await send(kind, changed));
      } catch (e) {
        setBusy(null);
        return fail(e);
      }
      setBusy(null);
    }
    setStep(goTo);
  };

  const upload = async (slot: KycSlot, file: File | undefined) => {
    if (!file) return;
    setErrors({});
    setMessage(null);
    if (file.size > MAX_BYTES) {
      setErrors({ [`files.${slot}`]: `${file.name}: the file is ${(file.size / 1048576).toFixed(1)} MB; the limit is 10 MB.` });
      return;
    }
    // The step's fields go with the file, so what was typed before the upload is kept.
    const form = new FormData();
    form.set(slot, file);
    for (const f of steps[step]!.fields) if (fields[f]) form.set(f, fields[f]!);
    setBusy(slot);
    try {
      update(await send(kind, form));
    } catch (e) {
      fail(e, `files.${slot}`);
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    setBusy('submit');
    setMessage(null);
    try {
      update(await send(kind, { submit: true }));
      router.refresh();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const restart = async () => {
    setBusy('restart');
    try {
      const next = await send(kind, {});
      update(next);
      setStep(next.resumeStep);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  if (current && !editing) return <Outcome slug={slug} kind={kind} kyc={kyc} onRestart={restart} busy={busy !== null} message={message} />;

  const s = steps[step]!;
  const fieldError = (f: string) => errors[f];
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <nav aria-label="Verification steps">
        <ol className="flex flex-wrap gap-2 text-xs">
          {steps.map((st, i) => (
            <li key={st.key} aria-current={i === step ? 'step' : undefined} className={`rounded-full border px-3 py-1 ${i === step ? 'border-primary bg-primary text-primary-foreground' : i < step ? 'bg-secondary' : 'text-muted-foreground'}`}>
              {i + 1}. {st.title}
            </li>
          ))}
        </ol>
      </nav>
      <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
        Step {step + 1} of {steps.length}: {s.title}
      </h2>
      {message && <Alert variant="destructive">{message}</Alert>}

      {s.key === 'intro' && (
        <div className="flex flex-col gap-3 text-sm">
          <p>{why[kind]}</p>
          <p className="font-medium">You will need:</p>
          <ul className="list-disc pl-5">
            {intro[kind].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="text-muted-foreground">Your documents are seen only by this provider&apos;s reviewers and deleted after the review period. It usually takes 1 business day.</p>
        </div>
      )}

      {(s.key === 'details' || s.key === 'document') && (
        <div className="flex flex-col gap-4">
          {s.fields.map((f) =>
            f === 'documentType' ? (
              <Field key={f} id={f} label={fieldLabels[f]} error={fieldError(f)}>
                <NativeSelect id={f} value={fields.documentType ?? ''} onChange={(e) => setFields({ ...fields, documentType: (e.target.value || null) as KycFields['documentType'] })} {...describedBy(f, fieldError(f))}>
                  <option value="">Choose…</option>
                  {kycDocumentTypes
                    .filter((t) => t === 'passport' || t === 'national_id' || t === 'driving_licence')
                    .map((t) => (
                      <option key={t} value={t}>
                        {documentTypeLabels[t]}
                      </option>
                    ))}
                </NativeSelect>
              </Field>
            ) : (
              <Field key={f} id={f} label={fieldLabels[f]} error={fieldError(f)}>
                <Input
                  id={f}
                  type={f === 'dateOfBirth' || f === 'documentExpiresOn' ? 'date' : 'text'}
                  autoComplete={f === 'legalName' ? 'name' : f === 'address' ? 'street-address' : f === 'country' ? 'country' : f === 'dateOfBirth' ? 'bday' : 'off'}
                  value={fields[f] ?? ''}
                  onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
                  {...describedBy(f, fieldError(f))}
                />
              </Field>
            ),
          )}
          {s.files(fields).map((slot) => (
            <Upload key={slot} slot={slot} file={files.get(slot)} busy={busy === slot} error={errors[`files.${slot}`]} onPick={(f) => upload(slot, f)} />
          ))}
          {s.key === 'document' && kind === 'identity' && !fields.documentType && <p className="text-sm text-muted-foreground">Choose the document type to upload it.</p>}
        </div>
      )}

      {s.key === 'selfie' && (
        <div className="flex flex-col gap-3">
          <p className="text-sm">A photo of your face, in good light. You can skip this step.</p>
          <Upload slot="selfie" file={files.get('selfie')} busy={busy === 'selfie'} error={errors['files.selfie']} onPick={(f) => upload('selfie', f)} />
        </div>
      )}

      {s.key === 'review' && <Review kind={kind} fields={fields} files={files} onEdit={(i) => setStep(i)} />}

      <div className="flex flex-wrap gap-2">
        {step > 0 && (
          <Button variant="outline" disabled={busy !== null} onClick={() => save(step - 1)}>
            Back
          </Button>
        )}
        {s.key === 'review' ? (
          <Button disabled={busy !== null} onClick={submit}>
            {busy === 'submit' ? 'Submitting…' : 'Submit for review'}
          </Button>
        ) : (
          <Button disabled={busy !== null} onClick={() => save(step + 1)}>
            {busy === 'save' ? 'Saving…' : s.optional && !files.get('selfie') ? 'Skip' : 'Continue'}
          </Button>
        )}
      </div>
    </div>
  );
}

function pick(s: MyKycDto['current']): KycFields {
  if (!s) return {};
  return {
    legalName: s.legalName,
    dateOfBirth: s.dateOfBirth,
    country: s.country,
    address: s.address,
    documentType: s.documentType,
    documentExpiresOn: s.documentExpiresOn,
    companyName: s.companyName,
    registrationNumber: s.registrationNumber,
  };
}

/** One file slot: a thumbnail of what is there, and a picker (Upload, or Replace). */
function Upload({ slot, file, busy, error, onPick }: { slot: KycSlot; file: KycFileDto | undefined; busy: boolean; error?: string; onPick: (f: File | undefined) => void }) {
  const id = `file-${slot}`;
  return (
    <Field id={id} label={slotLabels[slot]} error={error} hint="JPEG, PNG or PDF, at most 10 MB.">
      <div className="flex flex-wrap items-center gap-3">
        {file && <Thumbnail file={file} />}
        <Input
          id={id}
          type="file"
          accept={ACCEPT}
          className="max-w-xs"
          disabled={busy}
          aria-label={`${file ? 'Replace' : 'Upload'}: ${slotLabels[slot]}`}
          onChange={(e) => {
            onPick(e.target.files?.[0]);
            e.target.value = '';
          }}
          {...describedBy(id, error, 'hint')}
        />
        {busy && <span className="text-sm text-muted-foreground">Uploading…</span>}
      </div>
    </Field>
  );
}

function Thumbnail({ file }: { file: KycFileDto }) {
  return (
    <figure className="flex items-center gap-2 text-xs">
      {file.contentType === 'application/pdf' ? (
        <span className="flex h-16 w-12 items-center justify-center rounded border bg-secondary font-semibold">PDF</span>
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- a private, uncached document: no image optimisation
        <img src={`/api/v1/me/kyc/files/${file.id}`} alt={`Uploaded: ${file.fileName}`} className="h-16 w-24 rounded border object-cover" />
      )}
      <figcaption>
        {file.fileName}
        <br />
        {(file.sizeBytes / 1024).toFixed(0)} KB
      </figcaption>
    </figure>
  );
}

function Review({ kind, fields, files, onEdit }: { kind: KycKind; fields: KycFields; files: Map<KycSlot, KycFileDto>; onEdit: (step: number) => void }) {
  const steps = kycSteps[kind];
  return (
    <div className="flex flex-col gap-4 text-sm">
      {steps.map((st, i) =>
        st.fields.length === 0 && st.files(fields).length === 0 && st.key !== 'selfie' ? null : (
          <section key={st.key} aria-label={st.title} className="rounded border p-3">
            <div className="mb-2 flex items-center justify-between">
              <h3 className="font-medium">{st.title}</h3>
              <Button variant="outline" size="sm" onClick={() => onEdit(i)}>
                Edit<span className="sr-only"> {st.title}</span>
              </Button>
            </div>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              {st.fields.map((f) => (
                <div key={f} className="contents">
                  <dt className="text-muted-foreground">{fieldLabels[f]}</dt>
                  <dd>{f === 'documentType' && fields.documentType ? documentTypeLabels[fields.documentType] : (fields[f] ?? '—')}</dd>
                </div>
              ))}
              {(st.key === 'selfie' ? (['selfie'] as KycSlot[]) : st.files(fields)).map((slot) => (
                <div key={slot} className="contents">
                  <dt className="text-muted-foreground">{slotLabels[slot]}</dt>
                  <dd>{files.get(slot)?.fileName ?? (st.optional ? 'Skipped' : 'Missing')}</dd>
                </div>
              ))}
            </dl>
          </section>
        ),
      )}
      <p className="text-muted-foreground">By submitting you confirm the details are true. A reviewer of this provider will look at them, usually within 1 business day.</p>
    </div>
  );
}

function Outcome({ slug, kind, kyc, onRestart, busy, message }: { slug: string; kind: KycKind; kyc: MyKycDto; onRestart: () => void; busy: boolean; message: string | null }) {
  const s = kyc.current!;
  return (
    <div className="flex max-w-2xl flex-col gap-4" aria-live="polite">
      <p className="flex items-center gap-2">
        {kycKindLabels[kind]}, attempt {s.attempt}: <StatusBadge value={s.status} />
      </p>
      {message && <Alert variant="destructive">{message}</Alert>}
      {(s.status === 'submitted' || s.status === 'in_review') && <Alert variant="info">In review, usually within 1 business day. This page shows the decision when it is made.</Alert>}
      {s.status === 'verified' && (
        <Alert variant="info">
          Verified. {kind === 'identity' ? 'You are now a basic user: the guest limits are lifted.' : 'Your account moved up a type.'}{' '}
          <Link className="underline underline-offset-4" href={`/t/${slug}/account`}>
            Back to My account
          </Link>
        </Alert>
      )}
      {s.status === 'resubmission_requested' && (
        <>
          <Alert variant="destructive">
            <strong>Please send your documents again.</strong> {s.decisionReason}
          </Alert>
          <div>
            <Button disabled={busy} onClick={onRestart}>
              Send documents again
            </Button>
          </div>
        </>
      )}
      {s.status === 'rejected' && <Alert variant="destructive">Rejected: {s.decisionReason}. This decision is final; contact support if you think it is a mistake.</Alert>}
      {s.status === 'expired' && (
        <>
          <Alert variant="destructive">Your verified document expired. Re-verify with a valid document.</Alert>
          <div>
            <Button disabled={busy} onClick={onRestart}>
              Re-verify
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
