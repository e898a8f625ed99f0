package io.faultwatch.api;

/**
 * What alert rules may ask for on this server.
 *
 * @param minWindowSeconds the smallest window and action interval (60 in production; tests lower it to
 *                         see rules fire and resolve within seconds)
 * @param emailConfigured  whether the notifier can send email (FW_SMTP_HOST is set)
 */
public record AlertLimits(long minWindowSeconds, boolean emailConfigured) {}
