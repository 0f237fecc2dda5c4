export interface SetupFacts {
  has(tool: string): boolean;
  exists(file: string): boolean;
  root: boolean;
  apt: boolean;
  sudo: boolean;
  engineAnswers: boolean;
}
export interface SetupNeed {
  tool?: string;
  file?: string;
  pkg: string;
  why: string;
}
export type SetupPlan =
  | { error: string }
  | { error?: undefined; targets: string[]; missing: SetupNeed[]; packages: string[]; startDocker: boolean; commands: string[] };
export const TARGETS: Record<'machine' | 'sandbox' | 'docker' | 'browser' | 'all', string[]>;
export const USAGE: string;
export function planSetup(asked: string[], facts: SetupFacts): SetupPlan;
export function machineFacts(): SetupFacts;
export function setupMain(args: string[], out?: NodeJS.WritableStream, err?: NodeJS.WritableStream): Promise<number>;
