export * from './attendance.ts';
export * from './audit.ts';
export * from './directory.ts';
export * from './indicators.ts';
export * from './messages.ts';
export * from './plan.ts';
export * from './risks.ts';
export * from './teams.ts';
