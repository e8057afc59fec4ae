/**
 * Coffer's configuration: every MicroProfile Config key the application reads is named in {@link
 * io.coffer.platform.settings.SettingKeys}, and read through {@link io.coffer.platform.settings.CofferSettings} with its default.
 * Server-level settings (ports, data sources, JMS resources) live in {@code server-config/}, not here.
 */
package io.coffer.platform.settings;
