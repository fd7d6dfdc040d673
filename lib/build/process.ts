/** Whether a process with this pid is running (one of another user counts as running). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Hook for the kill tests: the process dies right at the named step (`SUPPORT_BLOG_FAULT=<step>`). */
export function faultAt(step: string): void {
  if (process.env.SUPPORT_BLOG_FAULT === step) process.kill(process.pid, 'SIGKILL');
}
