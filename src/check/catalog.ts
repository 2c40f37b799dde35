// The catalogue of juesuan's built-in rules: id, severity and what each finds, in Chinese. With
// each template's rules.yaml it is the one list of rules — `juesuan rules` prints both, and the
// README's rule table is generated from them.
import type { Template } from '../template/types.js';

export interface RuleInfo {
  id: string;
  severity: 'error' | 'warning' | 'info';
  /** 基本平衡 / 逻辑性 / 核实性 for number rules; 格式 for the shape of the input. */
  class: '基本平衡' | '逻辑性' | '核实性' | '格式';
  description: string;
}

export const BUILT_IN_RULES: RuleInfo[] = [
  { id: 'yaml/syntax', severity: 'error', class: '格式', description: '数据块或文件头的 YAML 无法解析' },
  { id: 'yaml/duplicate-key', severity: 'error', class: '格式', description: '同一映射中一个键写了两次' },
  { id: 'yaml/alias', severity: 'error', class: '格式', description: '数据中用了 YAML 锚点、别名或合并键(&a、*a、<<);每个值应直接写出' },
  { id: 'yaml/tag', severity: 'error', class: '格式', description: '数据中用了 YAML 标签(!!int、!foo…);值按模式读取,不需要标签' },
  { id: 'yaml/directive', severity: 'error', class: '格式', description: '数据块中写了 YAML 指令(%YAML、%TAG)' },
  { id: 'encoding/not-utf8', severity: 'error', class: '格式', description: '文件不是 UTF-8 编码(如 GBK),指出第一个无法识别的字节' },
  { id: 'encoding/control-char', severity: 'error', class: '格式', description: '文件中有不可见的控制字符(NUL 等)' },
  { id: 'encoding/bidi', severity: 'error', class: '格式', description: '文件中有改变文字显示方向的控制字符(可让审阅者看到的与实际不同)' },
  { id: 'encoding/line-ends', severity: 'error', class: '格式', description: '文件用单独的回车符(CR)换行' },
  { id: 'encoding/bom', severity: 'warning', class: '格式', description: '文件以 BOM 开头(已忽略)' },
  { id: 'limit/file-size', severity: 'error', class: '格式', description: '文件超过 2 MiB' },
  { id: 'limit/line-length', severity: 'error', class: '格式', description: '一行超过 10,000 个字符' },
  { id: 'limit/nesting', severity: 'error', class: '格式', description: '列表或引用嵌套超过 32 层' },
  { id: 'limit/yaml-depth', severity: 'error', class: '格式', description: '数据块的 YAML 嵌套超过 24 层' },
  { id: 'limit/rows', severity: 'error', class: '格式', description: '一个 YAML 列表或映射超过 10,000 项' },
  { id: 'limit/helper-calls', severity: 'error', class: '格式', description: '一个文件中的 {{…}} 表达式超过 5,000 个' },
  { id: 'limit/text-length', severity: 'error', class: '格式', description: '部门名称超过 100 字' },
  { id: 'report/symlink', severity: 'error', class: '格式', description: '报告或模板中的文件是符号链接(只读取普通文件)' },
  { id: 'report/date', severity: 'error', class: '格式', description: '文件头的日期不存在(如 2024-13-45)' },
  { id: 'report/prior', severity: 'error', class: '格式', description: '上一年度的报告有错误,上年数字无法使用' },
  { id: 'report/prior-errors', severity: 'warning', class: '核实性', description: '上一年度的报告有错误,上年数字可能不全' },
  { id: 'report/crash', severity: 'error', class: '格式', description: 'juesuan 处理这份报告时出错(程序缺陷,请报告);其他报告照常处理' },
  { id: 'schema/unknown-key', severity: 'error', class: '格式', description: '数据块中有模式不认识的键(附「是否为…」建议)' },
  { id: 'schema/required', severity: 'error', class: '格式', description: '缺少必填的键' },
  { id: 'schema/type', severity: 'error', class: '格式', description: '应为映射处写了值,或相反' },
  { id: 'schema/enum', severity: 'error', class: '格式', description: '取值不在允许的范围内' },
  { id: 'schema/format', severity: 'error', class: '格式', description: '取值格式不对(年度、日期…)' },
  { id: 'schema/empty', severity: 'error', class: '格式', description: '不能为空的项为空' },
  { id: 'schema/duplicate', severity: 'error', class: '格式', description: '列表中有重复项' },
  { id: 'schema/invalid', severity: 'error', class: '格式', description: '其他不符合模式的写法' },
  { id: 'amount/space', severity: 'error', class: '格式', description: '金额的数字中有空格(如「292. 90」,PDF 复制所致)' },
  { id: 'amount/full-width', severity: 'error', class: '格式', description: '金额用了全角数字或符号(如「２９２.９０」)' },
  { id: 'amount/format', severity: 'error', class: '格式', description: '金额不是可接受的数字写法(多个小数点、NaN、科学计数法、正号、千分位错位…)' },
  { id: 'amount/precision', severity: 'error', class: '格式', description: '金额小数位多于单位允许(元 2 位,万元 6 位)' },
  { id: 'amount/too-large', severity: 'error', class: '格式', description: '金额的整数部分超过 20 位(元),超出可精确计算的范围' },
  { id: 'count/format', severity: 'error', class: '格式', description: '数量不是非负整数' },
  { id: 'score/format', severity: 'error', class: '格式', description: '分数不是非负数' },
  { id: 'score/precision', severity: 'error', class: '格式', description: '分数多于 2 位小数' },
  { id: 'table/not-applicable', severity: 'error', class: '格式', description: '官方表中印为「——」的单元格填了数' },
  { id: 'block/unknown-kind', severity: 'error', class: '格式', description: '模板不认识的数据块种类' },
  { id: 'block/duplicate', severity: 'error', class: '格式', description: '只能有一个的数据块出现了两次(或同名项目重复)' },
  { id: 'block/info-string', severity: 'error', class: '格式', description: '数据块的信息串不是「yaml data=<种类>」' },
  { id: 'block/indented', severity: 'error', class: '格式', description: '数据块被缩进(放在了列表或引用中)' },
  { id: 'report/no-index', severity: 'error', class: '格式', description: '报告文件夹中没有 index.md' },
  { id: 'report/front-matter', severity: 'error', class: '格式', description: 'index.md 没有文件头' },
  { id: 'report/unknown-template', severity: 'error', class: '格式', description: '文件头指定的模板不存在' },
  { id: 'report/missing-file', severity: 'error', class: '格式', description: 'parts 列出的文件不存在' },
  { id: 'report/missing-block', severity: 'error', class: '格式', description: '缺少模板要求的数据块' },
  { id: 'report/empty-file', severity: 'error', class: '格式', description: '报告中的文件是空的' },
  { id: 'report/todo', severity: 'error', class: '格式', description: '报告中留有 TODO(待填写),如 juesuan new 生成的主要原因' },
  { id: 'report/missing-value', severity: 'error', class: '格式', description: '应有金额处为空: 整块没有金额时上年有数之处,有数之表的合计行;每表一条,附个数与位置' },
  { id: 'check/likely-change', severity: 'warning', class: '基本平衡', description: '多条规则不成立时最可能改动的单元格: 改正它的值,或依次须随之改动的合计(juesuan fix)及仍须选定的规则' },
  { id: 'report/unlisted-file', severity: 'warning', class: '格式', description: '文件夹中的 .md 文件不在 parts 中,不会印出' },
  { id: 'report/template-year', severity: 'info', class: '核实性', description: '报告年度与模板年度不同' },
  { id: 'template/invalid', severity: 'error', class: '格式', description: '模板自身的文件有误' },
  { id: 'template/missing-file', severity: 'error', class: '格式', description: '模板缺少文件' },
  { id: 'template/invalid-reference', severity: 'error', class: '格式', description: '模板规则引用了不存在的表格位置' },
  { id: 'template/unknown-helper', severity: 'error', class: '格式', description: '说明片段调用了不存在的辅助函数(juesuan template check)' },
  { id: 'balance/row-sum', severity: 'error', class: '基本平衡', description: '合计行应等于其组成行之和(表定义中的 sum,按尾数区间判断;一致但不精确时为提示)' },
  { id: 'balance/column-sum', severity: 'error', class: '基本平衡', description: '每行的合计栏应等于其组成栏之和' },
  { id: 'balance/negative', severity: 'error', class: '逻辑性', description: '金额为负数(表定义中标明 signed 的行除外,如结余分配)' },
  { id: 'balance/within', severity: 'error', class: '逻辑性', description: '「其中」行不应大于其所属行' },
  { id: 'hierarchy/sum', severity: 'error', class: '基本平衡', description: '合计 = Σ类,类 = Σ款,款 = Σ项(由编码推出)' },
  { id: 'hierarchy/missing-parent', severity: 'error', class: '逻辑性', description: '印了项(款)却没有印其所属的款(类)' },
  { id: 'hierarchy/code-format', severity: 'error', class: '格式', description: '科目编码位数不对(功能分类 3/5/7 位,经济分类 3/5 位)' },
  { id: 'hierarchy/code-name', severity: 'error', class: '逻辑性', description: '科目名称与模板科目表不一致' },
  { id: 'hierarchy/unknown-code', severity: 'warning', class: '核实性', description: '模板科目表中没有此编码' },
  { id: 'perf/weight-total', severity: 'error', class: '基本平衡', description: '绩效自评表各指标分值之和(含预算执行率)应为 100' },
  { id: 'perf/score-over-weight', severity: 'error', class: '逻辑性', description: '指标得分超过其分值' },
  { id: 'perf/score-total', severity: 'error', class: '基本平衡', description: '写出的总分应等于各项得分之和' },
  { id: 'perf/score-vs-target', severity: 'warning', class: '核实性', description: '已达到年度指标却未得满分,或未达到却得满分' },
  { id: 'perf/cost-actual', severity: 'error', class: '基本平衡', description: '项目成本指标实际完成值之和应等于执行数' },
  { id: 'perf/cost-target-budget', severity: 'warning', class: '核实性', description: '成本指标的年度指标值合计超过全年预算数' },
  { id: 'perf/execution-rate', severity: 'error', class: '逻辑性', description: '写出的执行率应为执行数 ÷ 全年预算数' },
  { id: 'perf/whole-funds', severity: 'error', class: '逻辑性', description: '部门整体支出绩效自评表写出的全年预算数、执行数应等于附件1 的全年预算、决算支出总额' },
  { id: 'cross/evaluation-project', severity: 'error', class: '逻辑性', description: '部门评价的项目没有自评表' },
  { id: 'cross/evaluation-indicator', severity: 'error', class: '逻辑性', description: '部门评价报告中的指标与项目自评表不一致' },
  { id: 'narrate/missing-value', severity: 'error', class: '格式', description: '说明或正文中的辅助函数引用了不存在或无法读取的数据(只有这一句不能生成,印作【?】)' },
  { id: 'narrate/missing-reason', severity: 'warning', class: '核实性', description: '有变动或预决算差异却没有主要原因' },
  { id: 'narrate/zero-base', severity: 'error', class: '逻辑性', description: '占比的基数为零而部分不为零' },
  { id: 'narrate/flat-change', severity: 'error', class: '逻辑性', description: '变动为零处写了变动额或增长率(应写持平的说法)' },
  { id: 'narrate/missing-wording', severity: 'error', class: '格式', description: '模板的 template.yaml 缺少说明所用的方向词或固定说法(narrative.words / phrases)' },
  { id: 'narrate/unknown-partial', severity: 'error', class: '格式', description: '引用了模板中不存在的说明片段' },
  { id: 'narrate/syntax', severity: 'error', class: '格式', description: '辅助函数写法有误(Handlebars 语法)' },
  { id: 'narrate/ordinal', severity: 'error', class: '格式', description: '序号超出范围' },
  { id: 'narrate/recursion', severity: 'error', class: '格式', description: '说明片段直接或间接地引用了自己' },
  { id: 'narrate/error', severity: 'error', class: '格式', description: '生成说明时的其他错误' },
  { id: 'print/missing-glyph', severity: 'error', class: '格式', description: '印刷字体中没有某字符的字形(会印成方框)' },
  { id: 'print/failed', severity: 'error', class: '格式', description: '印刷失败(浏览器崩溃或超时,已重试一次)' },
  { id: 'print/font-substitute', severity: 'warning', class: '格式', description: '模板要求的字体(仿宋、楷体)没有可自由使用的版本,以宋体或黑体代替' },
  { id: 'print/layout-value', severity: 'error', class: '格式', description: '模板的表格版式引用了报告中没有的数据或版式' },
  { id: 'print/image-path', severity: 'error', class: '格式', description: '图片不在报告文件夹中(绝对路径或 ..)' },
  { id: 'print/unsafe-css', severity: 'error', class: '格式', description: '模板的印刷样式中有 HTML 标记(如 </style>),会跳出样式表' },
  { id: 'print/remote-resource', severity: 'error', class: '格式', description: '报告引用了网络资源;印刷只加载本地文件' },
  { id: 'prose/mismatch', severity: 'error', class: '逻辑性', description: '文中写的数与它所指的数据(或由数据算出的变动、增长率、占比、完成率)在其自身精度下不一致(文表一致)' },
  { id: 'prose/direction', severity: 'error', class: '逻辑性', description: '文中的增加/减少、增长/下降、持平、大于/小于与数据的方向相反(如「减少…持平」、下降却写「增长」)' },
  { id: 'prose/typed-literal', severity: 'info', class: '核实性', description: '文中直接写的数与数据一致;提示可改写为辅助函数(juesuan check --fix)' },
  { id: 'prose/unbound-literal', severity: 'warning', class: '核实性', description: '文中直接写的金额或百分比不能对应到数据(每个分句提示一次);请用辅助函数或在 prose.yaml 中补充词汇' },
  { id: 'prose/duplicate-item', severity: 'warning', class: '核实性', description: '同一列举中某项出现两次' },
  { id: 'prose/name', severity: 'error', class: '逻辑性', description: '文中带引号的科目名称(类/款/项)有一级不是该科目的名称(其余各级指明了是哪个科目)' },
  { id: 'prose/year', severity: 'error', class: '核实性', description: '正文或标题中的年份不是报告年度: 「XXXX年度」为其他年份,或为上年度而不在比较中(比上年、与XXXX年度相比);早于报告年度的日期(XXXX年12月31日);标题中的其他年份(主要原因中的除外)' },
  { id: 'prose/residue', severity: 'error', class: '逻辑性', description: '文中有模板 prose.yaml 列出的错乱或残留措辞(如「支出收入」「增加持平」)' },
  { id: 'prose/list-item', severity: 'warning', class: '核实性', description: '「主要包括」之类的列举中列出了数据为空的项目(如表中为空的经济分类款)' },
  { id: 'prose/unpaired-quote', severity: 'warning', class: '格式', description: '文中的引号“”没有配对' },
  { id: 'prose/duplicate-term', severity: 'warning', class: '核实性', description: '名词解释中同一术语解释了两次' },
  { id: 'prose/copied-text', severity: 'warning', class: '核实性', description: '两个术语的解释完全相同(误复制)' },
  { id: 'import/unknown-sheet', severity: 'warning', class: '格式', description: 'juesuan import: 工作表中没有模板的任何表(按表名或表号查找)' },
  { id: 'import/duplicate-table', severity: 'error', class: '格式', description: 'juesuan import: 同一张表在工作簿中出现了两次' },
  { id: 'import/no-header', severity: 'error', class: '格式', description: 'juesuan import: 表名之下找不到表头' },
  { id: 'import/unit', severity: 'warning', class: '格式', description: 'juesuan import: 表头中没有「金额单位」行,按表定义的单位读取' },
  { id: 'import/unit-mismatch', severity: 'error', class: '格式', description: 'juesuan import: 单元格写明的单位与表的金额单位不同' },
  { id: 'import/missing-column', severity: 'error', class: '格式', description: 'juesuan import: 表头中找不到表定义的某一栏(附「是否为…」建议)' },
  { id: 'import/column-number', severity: 'error', class: '格式', description: 'juesuan import: 一栏的栏次与表定义不同(表头与数据可能错位)' },
  { id: 'import/unplaced-value', severity: 'error', class: '格式', description: 'juesuan import: 单元格有数,但所在栏不是表定义中的任何一栏(错位或多出的栏)' },
  { id: 'import/unknown-row', severity: 'error', class: '格式', description: 'juesuan import: 有数的行不是表定义中的行,或没有科目编码' },
  { id: 'import/duplicate-row', severity: 'error', class: '格式', description: 'juesuan import: 同一行(科目)在表中出现了两次' },
  { id: 'import/row-number', severity: 'warning', class: '核实性', description: 'juesuan import: 一行的行次与表定义不同' },
  { id: 'import/code-format', severity: 'error', class: '格式', description: 'juesuan import: 科目编码位数不对' },
  { id: 'import/unknown-code', severity: 'error', class: '逻辑性', description: 'juesuan import: 模板的科目表中没有此编码(新科目请先加入模板;--force 按表中名称导入)' },
  { id: 'import/code-name', severity: 'warning', class: '核实性', description: 'juesuan import: 表中的科目名称与模板不同,按模板的名称导入' },
  { id: 'import/not-applicable', severity: 'error', class: '格式', description: 'juesuan import: 官方表中印为「——」的单元格有数' },
  { id: 'import/number', severity: 'error', class: '格式', description: 'juesuan import: 单元格不是数字(百分比、日期格式或无法读取的值)' },
  { id: 'import/unknown-project', severity: 'error', class: '格式', description: 'juesuan import: 绩效表的项目名称在报告中没有对应的数据块(附「是否为…」建议)' },
  { id: 'import/unknown-indicator', severity: 'error', class: '格式', description: 'juesuan import: 绩效表中的三级指标在报告的数据块中没有' },
  { id: 'import/missing-indicator', severity: 'warning', class: '核实性', description: 'juesuan import: 报告的三级指标在绩效表中没有,其值未改' },
  { id: 'import/missing-block', severity: 'error', class: '格式', description: 'juesuan import: 报告中没有此表的数据块' },
  { id: 'import/unreadable-block', severity: 'error', class: '格式', description: 'juesuan import: 报告中此表的数据块有 YAML 错误' },
  { id: 'import/conflict', severity: 'error', class: '格式', description: 'juesuan import: 数据块中某项的写法与表定义不同,未改写' },
];

/** Every rule: the built-in ones and the template's, one entry per id (descriptions joined). */
export function allRules(templates: Template[]): RuleInfo[] {
  const out = new Map<string, RuleInfo>(BUILT_IN_RULES.map((r) => [r.id, { ...r }]));
  for (const template of templates) {
    for (const rule of template.rules) {
      const severity = rule.severity ?? 'error';
      const ruleClass = severity === 'warning' ? '核实性' : rule.kind === 'le' || rule.kind === 'condition' || rule.kind === 'empty-iff' ? '逻辑性' : '基本平衡';
      const existing = out.get(rule.id);
      if (existing) {
        if (!existing.description.includes(rule.description)) existing.description += `;${rule.description}`;
      } else out.set(rule.id, { id: rule.id, severity, class: ruleClass, description: rule.description });
    }
  }
  return [...out.values()];
}

/** The rules as a Markdown table (the README's rule list). */
export function rulesMarkdown(rules: RuleInfo[]): string {
  const word = { error: '错误', warning: '警告', info: '提示' };
  const lines = ['| 规则 | 严重性 | 类别 | 说明 |', '|---|---|---|---|'];
  for (const r of rules) lines.push(`| \`${r.id}\` | ${word[r.severity]} | ${r.class} | ${r.description.replace(/\|/gu, '\\|')} |`);
  return lines.join('\n') + '\n';
}
