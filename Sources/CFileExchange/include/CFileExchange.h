#ifndef LIENTHONG_CFILEEXCHANGE_H
#define LIENTHONG_CFILEEXCHANGE_H

/// Swaps the two paths atomically (Linux renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where the file system cannot do it).
int lienthong_exchange(const char *first, const char *second);

#endif
