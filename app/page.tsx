import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { landingPath } from "@/lib/domain/auth/permissions";

/** Each role lands where its work is: planner → queue, supervisor → approvals, executive → KPIs, admin → settings. */
export default async function Home() {
  const viewer = await getViewer();
  redirect(viewer ? landingPath(viewer.role) : "/login");
}
