/**
 * Demo accounts: one per role plus a second planner at other sites (for access-control tests).
 * Passwords are hashed at insert time (prisma/seed/seed-demo.ts), never here.
 */

/** The single password of every demo account. */
export const DEMO_PASSWORD = "workbench-demo";

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: "planner" | "supervisor" | "finance" | "executive" | "admin";
  /** Location codes written to UserSite; executives and admins see all sites by role. */
  siteCodes: string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: "usr_planner", email: "planner@demo.local", name: "Priya Planner", role: "planner", siteCodes: ["DC-ATL", "DC-NJ"] },
  { id: "usr_supervisor", email: "supervisor@demo.local", name: "Sam Supervisor", role: "supervisor", siteCodes: ["DC-ATL", "DC-NJ"] },
  { id: "usr_finance", email: "finance@demo.local", name: "Fiona Finance", role: "finance", siteCodes: [] },
  { id: "usr_executive", email: "executive@demo.local", name: "Erin Executive", role: "executive", siteCodes: [] },
  { id: "usr_admin", email: "admin@demo.local", name: "Alex Admin", role: "admin", siteCodes: [] },
  { id: "usr_planner_west", email: "planner.west@demo.local", name: "Wes Planner", role: "planner", siteCodes: ["DC-LAX", "DC-SEA"] },
];
