/**
 * The platform every module builds on, and nothing about routing: the failure model ({@code failure}), the one
 * place configuration keys are named ({@code settings}), time and background tasks ({@code time}), and OCI's wire
 * conventions ({@code wire}). It lives in router-module because that module is the EAR library every other module
 * sees; it depends on nothing of Coffer's own.
 */
package io.coffer.platform;
