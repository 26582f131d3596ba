import * as contract from '@clinic/contract/access';
import { named } from './common.js';

// The rules and shapes are the contract's, shared with the SPA; here they get their OpenAPI names.
export const loginBody = named('Login', contract.loginBody);
export const changePasswordBody = named('ChangePassword', contract.changePasswordBody);
export const totpEnableBody = named('TotpEnable', contract.totpEnableBody);
export const totpDisableBody = named('TotpDisable', contract.totpDisableBody);
export const createAccountBody = named('CreateAccount', contract.createAccountBody);
export const updateAccountBody = named('UpdateAccount', contract.updateAccountBody);
export const setPasswordBody = named('SetPassword', contract.setPasswordBody);
export const createTokenBody = named('CreateToken', contract.createTokenBody);
export const meSchema = named('Me', contract.meSchema);
export const accountSchema = named('Account', contract.accountSchema);
export const tokenSchema = named('Token', contract.tokenSchema);
export const newTokenSchema = named('NewToken', contract.newTokenSchema);
export const totpSetupSchema = named('TotpSetup', contract.totpSetupSchema);
