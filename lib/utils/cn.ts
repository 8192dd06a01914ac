import { clsx, type ClassValue } from "clsx";

/** Join class names, dropping falsy ones. */
export const cn = (...classes: ClassValue[]) => clsx(classes);
