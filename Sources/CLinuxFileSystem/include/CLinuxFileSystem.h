#ifndef LIENTHONG_CLINUXFILESYSTEM_H
#define LIENTHONG_CLINUXFILESYSTEM_H

/// Linux file-system calls that Swift's Glibc module does not expose (they need _GNU_SOURCE).

/// Swaps the two paths atomically (renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (EINVAL or ENOSYS where the file system cannot do it).
int lienthong_exchange(const char *first, const char *second);

/// Writes every dirty page of the file system holding `path` to the disk and waits (syncfs).
/// Returns 0, or -1 with errno set.
int lienthong_syncfs(const char *path);

#endif
