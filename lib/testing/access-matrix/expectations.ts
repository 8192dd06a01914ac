/**
 * THE TABLE: what every server action and route handler demands. access-matrix.test.ts discovers every
 * export of lib/actions/*-actions.ts and every HTTP method of app/api/** /route.ts and fails when one has
 * no entry here — adding an action means adding its permission, its site scoping and a sample input.
 */
import { CASE_ACTIONS } from "@/lib/testing/access-matrix/expectations-cases";
import { ADMIN_ACTIONS } from "@/lib/testing/access-matrix/expectations-admin";
import { NOTIFY_LEARNING_ACTIONS } from "@/lib/testing/access-matrix/expectations-notify-learning";
import { ROUTES } from "@/lib/testing/access-matrix/expectations-routes";
import type { ActionExpectation, RouteExpectation } from "@/lib/testing/access-matrix/types";

export const ACTION_EXPECTATIONS: Record<string, ActionExpectation> = { ...CASE_ACTIONS, ...ADMIN_ACTIONS, ...NOTIFY_LEARNING_ACTIONS };
export const ROUTE_EXPECTATIONS: Record<string, RouteExpectation> = ROUTES;
