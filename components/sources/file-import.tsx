"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { startEdiImportAction } from "@/lib/actions/edi-import-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { UploadStep } from "./import/upload-step";
import { DuplicateNotice } from "./import/duplicate-notice";
import { MappingStep } from "./import/mapping-step";
import { ImportRun } from "./import/import-run";
import { StepIndicator } from "./import/step-indicator";
import type { ImportFlavour, UploadedFile } from "./import/types";

type Stage =
  | { step: "upload" }
  | { step: "duplicate"; file: UploadedFile }
  | { step: "map"; file: UploadedFile }
  /** EDI file stored but its import not started yet (the start failed and can be retried). */
  | { step: "edi-ready"; file: UploadedFile; error: string | null }
  | { step: "run"; file: UploadedFile; runId: string };

const STEPS: Record<ImportFlavour, string[]> = { table: ["Choose a file", "Map columns", "Import"], edi: ["Choose a file", "Import"] };

function stepIndex(stage: Stage, flavour: ImportFlavour): number {
  if (stage.step === "upload" || stage.step === "duplicate") return 0;
  if (stage.step === "map") return 1;
  return flavour === "table" ? 2 : 1;
}

/**
 * Import a file into an upload source, as a wizard: (1) choose and upload the file with progress; (2) for CSV/Excel
 * sources, map its columns against a preview; (3) import in a worker with progress, then a summary. X12 sources skip
 * the mapping: the file is imported as it is and a 997 acknowledgement is generated.
 */
export function FileImport({ sourceId, sourceKind }: { sourceId: string; sourceKind: string }) {
  const router = useRouter();
  const flavour: ImportFlavour = sourceKind === "x12" ? "edi" : "table";
  const [stage, setStage] = useState<Stage>({ step: "upload" });
  const [startingEdi, startEdiTransition] = useTransition();

  const startEdi = (file: UploadedFile) =>
    startEdiTransition(async () => {
      const r = await startEdiImportAction({ payloadId: file.payloadId });
      if (r.ok) {
        setStage({ step: "run", file, runId: r.data.runId });
        router.refresh();
      } else setStage({ step: "edi-ready", file, error: r.error });
    });

  const proceed = (file: UploadedFile) => {
    if (flavour === "table") setStage({ step: "map", file });
    else startEdi(file);
  };
  const restart = () => setStage({ step: "upload" });

  return (
    <div className="space-y-4" data-testid="file-import" data-flavour={flavour}>
      <StepIndicator steps={STEPS[flavour]} current={stepIndex(stage, flavour)} />
      {stage.step === "upload" && (
        <UploadStep
          sourceId={sourceId}
          flavour={flavour}
          onUploaded={(file) => {
            // The payloads table lists the stored file straight away.
            router.refresh();
            if (file.duplicate) setStage({ step: "duplicate", file });
            else proceed(file);
          }}
        />
      )}
      {stage.step === "duplicate" && <DuplicateNotice file={stage.file} busy={startingEdi} onImportAgain={() => proceed(stage.file)} onChooseAnother={restart} />}
      {stage.step === "edi-ready" && (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">{stage.file.fileName} is stored; its import has not started.</p>
          {stage.error && <Notice>{stage.error}</Notice>}
          <div className="flex gap-2">
            <Button onClick={() => startEdi(stage.file)} busy={startingEdi}>
              Import {stage.file.fileName}
            </Button>
            <Button variant="ghost" onClick={restart}>
              Choose another file
            </Button>
          </div>
        </div>
      )}
      {flavour === "edi" && startingEdi && stage.step !== "edi-ready" && (
        <p role="status" className="text-sm text-slate-600">
          Starting the import of the EDI file…
        </p>
      )}
      {flavour === "table" && (stage.step === "map" || stage.step === "run") && (
        // Kept mounted (hidden) while the import runs, so "Try again" after a failed run returns to the same mapping.
        <div hidden={stage.step === "run"}>
          <MappingStep key={stage.file.payloadId} file={stage.file} onStarted={(runId) => (setStage({ step: "run", file: stage.file, runId }), router.refresh())} onChooseAnother={restart} />
        </div>
      )}
      {stage.step === "run" && (
        <ImportRun
          key={stage.runId}
          runId={stage.runId}
          fileName={stage.file.fileName}
          onImportAnother={restart}
          onRetry={() => (flavour === "table" ? setStage({ step: "map", file: stage.file }) : startEdi(stage.file))}
        />
      )}
    </div>
  );
}
