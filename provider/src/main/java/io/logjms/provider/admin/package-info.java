/**
 * The admin API of logjms: {@link io.logjms.provider.admin.LogJmsAdmin} lists, creates, describes, alters and
 * deletes destinations, and lists, describes and resets subscriptions. Results are plain value records;
 * refusals are {@link io.logjms.provider.admin.LogJmsAdminException}s carrying the broker's error code.
 */
package io.logjms.provider.admin;
