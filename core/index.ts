/**
 * The library entry (`import … from 'designgate'`): the few functions a script or another tool
 * needs to run designgate's checks without the CLI, and the types they return. Everything else in
 * core/ is internal and may change; what is listed here changes only with a major version.
 */
export { loadWorkspace, toRepoPath, type Workspace, type ConfigGroup } from './workspace.js';
export { loadConfig, parseConfig } from './config/load.js';
export type { DesignConfig, ComponentRule, ComponentType, Approver, Gates, GateLevel } from './config/types.js';
export { checkStructure, type ComponentStatus, type ReadText, type StructureResult } from './structure.js';
export { runLocalGates, type LocalGateOptions, type LocalGateResult } from './local-gates.js';
export { designState, type DesignState, type DesignStateResult } from './design-state.js';
export { designDigest } from './digest.js';
export { openGit, type GitAdapter, type OpenGitOptions } from './git/index.js';
export { verifyRange, type VerifyResult } from './verify/verify.js';
export { hasErrors, sortProblems, type Problem, type Severity } from './problem.js';
export { DesignGateError, isDesignGateError, type ErrorCode, type Cause } from './errors.js';
