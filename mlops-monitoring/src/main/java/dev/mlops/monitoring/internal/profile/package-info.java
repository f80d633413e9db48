/**
 * Implementation of {@code dev.mlops.monitoring.profile}; not API, may change without notice.
 */
package dev.mlops.monitoring.internal.profile;
