package dev.mlops.monitoring.alert;

/**
 * Counters of an {@link AlertManager} since it was built.
 *
 * @param evaluations rule evaluation rounds (each evaluates every rule once)
 * @param ruleFailures rule evaluations that threw (the signal failed, or two samples gave one alert)
 * @param notificationsSent notifications delivered
 * @param notificationFailures notifications a notifier failed to deliver
 */
public record AlertManagerStats(long evaluations, long ruleFailures, long notificationsSent, long notificationFailures) {}
