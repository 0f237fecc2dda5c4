import type { Command } from "commander";
export function registerGradeCommands(_program: Command): void {}
