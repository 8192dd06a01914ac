/** Expected failures of the data layer; actions turn them into messages, pages into 404/403. */
export class AppError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT" | "INVALID",
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") => new AppError("FORBIDDEN", message);
export const conflict = (message: string) => new AppError("CONFLICT", message);
export const invalid = (message: string) => new AppError("INVALID", message);
