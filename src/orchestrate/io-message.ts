// Says in Chinese what a file-system error means for a build's output folder (full, read-only,
// not a folder…), naming the path, instead of the bare errno.

const MEANING: Record<string, string> = {
  ENOSPC: '磁盘已满',
  EDQUOT: '磁盘配额已用完',
  EROFS: '输出目录在只读的文件系统上',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  ENOTDIR: '路径中有一段不是文件夹',
  EISDIR: '要写的文件名已是一个文件夹',
  ENOENT: '文件夹不存在',
  EMFILE: '打开的文件太多',
  EIO: '磁盘读写错误',
};

/** The message for an I/O error met while building into `out`. */
export function ioMessage(error: NodeJS.ErrnoException, out: string): string {
  const what = MEANING[error.code ?? ''] ?? '读写失败';
  return `无法写入输出目录 ${out}: ${what}(${error.code}${error.path ? `,${error.path}` : ''});请检查 --out 指向的文件夹`;
}
