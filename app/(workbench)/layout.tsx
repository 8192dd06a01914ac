import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { AppNav } from "@/components/layout/app-nav";

// Chrome only. Every page and action authorizes on its own; this redirect just spares a broken shell.
export default async function WorkbenchLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  return (
    <div className="flex min-h-screen flex-col lg:flex-row">
      <AppNav viewer={{ name: viewer.name, email: viewer.email, role: viewer.role, allSites: viewer.allSites, siteCount: viewer.siteIds.length }} />
      <main id="main" className="min-w-0 flex-1 p-4 lg:p-6">
        {children}
      </main>
    </div>
  );
}
