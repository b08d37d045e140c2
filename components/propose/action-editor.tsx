import type { ActionKind } from "@/lib/governance/index.ts";
import type { ProposeContext } from "@/lib/web/propose/context.ts";
import { ACTION_SPECS, draftFields, type ActionDraft, type ActionGroup } from "@/lib/web/propose/fields.ts";
import type { FormIssue } from "@/lib/web/propose/validate.ts";

import { FieldInput } from "./field-input.tsx";

export type ActionEditorProps = {
  index: number;
  draft: ActionDraft;
  context: ProposeContext;
  /** This action's issues, shown once the form has been checked. */
  issues: readonly FormIssue[];
  canRemove: boolean;
  onKindChange: (kind: ActionKind) => void;
  onValueChange: (field: string, value: string) => void;
  onRemove: () => void;
};

const GROUPS: readonly ActionGroup[] = ["Sequencer", "Registry settings", "Member chains", "Governor"];

/** One action of the proposal: its kind and the typed fields of that kind. */
export function ActionEditor({ index, draft, context, issues, canRemove, onKindChange, onValueChange, onRemove }: ActionEditorProps) {
  const prefix = `action-${draft.id}`;
  const fields = draftFields(draft, context);
  const fieldError = (name: string) => issues.find((issue) => issue.field === name)?.message;
  const actionIssues = issues.filter((issue) => issue.field === undefined);
  return (
    <fieldset className="card space-y-4">
      <legend className="sr-only">Action {index + 1}</legend>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0 flex-1">
          <label htmlFor={`${prefix}-kind`} className="block text-sm font-medium">
            Action {index + 1}
          </label>
          <select id={`${prefix}-kind`} className="field mt-1" value={draft.kind} onChange={(event) => onKindChange(event.target.value as ActionKind)}>
            {GROUPS.map((group) => (
              <optgroup key={group} label={group}>
                {ACTION_SPECS.filter((spec) => spec.group === group).map((spec) => (
                  <option key={spec.kind} value={spec.kind}>
                    {spec.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        {canRemove && (
          <button type="button" className="btn-secondary" onClick={onRemove}>
            Remove action {index + 1}
          </button>
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((spec) => (
          <FieldInput
            key={spec.name}
            id={`${prefix}-${spec.name}`}
            spec={spec}
            value={draft.values[spec.name] ?? ""}
            error={fieldError(spec.name)}
            onChange={(value) => onValueChange(spec.name, value)}
          />
        ))}
      </div>
      {actionIssues.map((issue) => (
        <p key={issue.message} className="text-sm font-medium text-red-700">
          {issue.message}
        </p>
      ))}
    </fieldset>
  );
}
