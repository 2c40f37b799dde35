// `juesuan preview`: the command — its help and options; the server and the rebuild loop live in
// src/orchestrate/preview.ts.
import { runPreview } from '../orchestrate/preview.js';
import { UsageError } from './usage.js';

export const PREVIEW_HELP = `用法: juesuan preview <报告文件夹> [选项]

在本机浏览器中预览报告(印刷版式的 HTML):每次保存报告、上一年度报告或模板的文件,
重新检查并刷新页面;检查发现的问题显示在所指的表或部分旁,并列在页面顶部。
修改后报告无法显示时,保留上一次能显示的版本,问题列在顶部。Ctrl-C 停止。

选项:
  --port N         端口(默认 4173;0 表示任选空闲端口)
  --host 地址      只接受本机地址: 127.0.0.1(默认)、::1 或 localhost
  -h, --help       显示此帮助
`;

/** Runs the preview until Ctrl-C; returns the exit code (130 on SIGINT, 143 on SIGTERM). */
export async function startPreviewCommand(positionals: string[], host: string, portText: string, out: (s: string) => void): Promise<number> {
  if (positionals.length !== 1) throw new UsageError(`请给出一个要预览的报告文件夹\n\n${PREVIEW_HELP}`);
  const port = Number(portText);
  if (!/^\d+$/u.test(portText) || port > 65535) throw new UsageError(`--port 应为 0–65535 的整数,而不是「${portText}」`);
  return runPreview(positionals[0]!.replace(/[\\/]+$/u, ''), { host, port }, out);
}
