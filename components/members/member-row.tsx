"use client";

import { useActionState } from "react";
import { changeRoleAction, removeMemberAction } from "@/lib/members/actions";
import { PROJECT_ROLES } from "@/lib/auth/permissions";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { initialFormState } from "@/lib/http/form-state";
import { Button, SubmitButton } from "@/components/ui/button";

type Member = { id: string; role: ProjectRole; user: { email: string; name: string | null } };

export function MemberRow({ slug, member, isSelf }: { slug: string; member: Member; isSelf: boolean }) {
  const [roleState, changeRole] = useActionState(changeRoleAction.bind(null, slug), initialFormState);
  const [removeState, remove] = useActionState(removeMemberAction.bind(null, slug), initialFormState);
  const error = (!roleState.ok && roleState.message) || (!removeState.ok && removeState.message);
  return (
    <li className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center">
      <div className="min-w-0 sm:flex-1">
        <p className="truncate font-medium">
          {member.user.name ?? member.user.email} {isSelf && <span className="text-xs text-stone-500">(you)</span>}
        </p>
        <p className="truncate text-sm text-stone-600">{member.user.email}</p>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <form action={changeRole} className="flex items-center gap-2">
          <input type="hidden" name="membershipId" value={member.id} />
          <label className="sr-only" htmlFor={`role-${member.id}`}>
            Role of {member.user.email}
          </label>
          <select
            id={`role-${member.id}`}
            name="role"
            defaultValue={member.role}
            className="min-h-10 rounded-md border border-stone-300 bg-white px-2 text-sm"
          >
            {PROJECT_ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            Save
          </SubmitButton>
        </form>
        <form
          action={remove}
          onSubmit={(event) => {
            if (!window.confirm(`Remove ${member.user.email} from the project?`)) event.preventDefault();
          }}
        >
          <input type="hidden" name="membershipId" value={member.id} />
          <Button type="submit" variant="danger">
            Remove
          </Button>
        </form>
      </div>
    </li>
  );
}
