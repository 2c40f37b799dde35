// Fixture workbooks laid out as the 部门决算 software exports the ten 公开 tables of the seed
// (九江市浔阳区数字经济发展中心 2023), typed here from the published tables — not from the report:
// merged headers over two or three rows, a 栏次 row, 科目编码 split into 类/款/项 (the .xls) or in
// one column (the joined .xlsx), or sparsely (a 款 row shows only 05; the sparse .xlsx, with
// two header rows and doubles off in their last bits), blank spacer rows and columns, amounts as
// numbers and as text with thousands separators, a sheet in 元, two tables stacked in one sheet. The faulty workbooks
// (an unknown code, a shifted column, a wrong total) are the good one with one thing changed.
// Regenerate test/fixtures/workbooks/: JUESUAN_WRITE_WORKBOOKS=1 npx vitest run test/workbooks.test.ts
import { num, SheetBuilder, txt, type Value, workbookBytes } from './sheet-builder.js';
import { perfSheets } from './perf.js';
import { compile, SEED_REPORT } from '../helpers/report.js';

export interface Style {
  codes: 'split' | 'joined';
  /** Amounts as number cells, or as text cells with thousands separators. */
  amounts: 'number' | 'text';
  /** Tables whose sheet is in 元. */
  yuan: Set<string>;
  /** A blank column before the table and a blank row under the title. */
  spacer: boolean;
  /** Sheet names: the 表号, or Sheet1… (the title finds the table). */
  sheetNames: 'number' | 'generic';
  /** Names indented with full-width spaces by level, as some exports print them. */
  indent: boolean;
  /** Split codes printed sparsely: a 款 row shows only its 款 part (05), a 项 row only its 项 part. */
  sparse?: boolean;
  /** Two header rows (no 项目 row over code and name) instead of three. */
  shortHeader?: boolean;
  /** Numbers stored as a computation leaves them (6.5600000000000005, shown 6.56). */
  floatNoise?: boolean;
}

const DEPT = '九江市浔阳区数字经济发展中心';

/** A seed amount in 万元 (2 decimals), as the style writes it: a number, a text, or in 元. */
function amount(style: Style, table: string, wan: string): Value | undefined {
  if (wan === '') return undefined;
  const inYuan = style.yuan.has(table);
  const [int, frac = ''] = wan.split('.');
  const text = inYuan ? `${int}${frac.padEnd(2, '0')}00.00`.replace(/^0+(?=\d)/u, '') : wan;
  if (style.amounts === 'text') return txt(text.replace(/^(-?\d+)/u, (m) => m.replace(/\B(?=(\d{3})+(?!\d))/gu, ',')));
  // A sum computed in binary floating point: the stored double is off in its last bits.
  if (style.floatNoise && text.includes('.')) return num(String(Number(text) + Number(text) * 2 ** -50));
  return num(text);
}

/** Title, 表号, department / unit lines; returns the first row after them. */
function caption(s: SheetBuilder, c0: number, r0: number, width: number, title: string, number: string, style: Style, table: string): number {
  s.span(r0, c0, r0, c0 + width - 1, title);
  s.set(r0 + 1, c0 + width - 1, number);
  s.span(r0 + 2, c0, r0 + 2, c0 + 2, `编制单位：${DEPT}`);
  s.set(r0 + 2, c0 + Math.max(3, width - 3), '2023年度');
  s.set(r0 + 2, c0 + width - 1, style.yuan.has(table) ? '金额单位：元' : '金额单位：万元');
  return r0 + (style.spacer ? 4 : 3);
}

const FUNCTIONAL_CLASSES: [string, string][] = [
  ['一', '一般公共服务支出'], ['二', '外交支出'], ['三', '国防支出'], ['四', '公共安全支出'], ['五', '教育支出'], ['六', '科学技术支出'],
  ['七', '文化旅游体育与传媒支出'], ['八', '社会保障和就业支出'], ['九', '卫生健康支出'], ['十', '节能环保支出'], ['十一', '城乡社区支出'],
  ['十二', '农林水支出'], ['十三', '交通运输支出'], ['十四', '资源勘探工业信息等支出'], ['十五', '商业服务业等支出'], ['十六', '金融支出'],
  ['十七', '援助其他地区支出'], ['十八', '自然资源海洋气象等支出'], ['十九', '住房保障支出'], ['二十', '粮油物资储备支出'],
  ['二十一', '国有资本经营预算支出'], ['二十二', '灾害防治及应急管理支出'], ['二十三', '其他支出'], ['二十四', '债务还本支出'],
  ['二十五', '债务付息支出'], ['二十六', '抗疫特别国债安排的支出'],
];

/** 公开01 / 公开04: the two-sided 收入 | 支出 ledger. */
function ledger(
  s: SheetBuilder,
  style: Style,
  table: string,
  title: string,
  left: { label: string; value?: string }[],
  right: { label: string; values: string[] }[],
  rightColumns: string[],
  firstRight: number,
  labels: [string, string],
): void {
  const c0 = style.spacer ? 1 : 0;
  const width = 3 + 2 + rightColumns.length;
  let r = caption(s, c0, 0, width, title, table === '公开01' ? '公开01表' : '公开04表', style, table);
  s.span(r, c0, r, c0 + 2, labels[0]).span(r, c0 + 3, r, c0 + width - 1, labels[1]);
  s.row(r + 1, c0, ['项目', '行次', '决算数', '项目(按功能分类)', '行次', ...rightColumns]);
  s.row(r + 2, c0, ['栏次', '', '1', '栏次', '', ...rightColumns.map((_, i) => String(2 + i))]);
  r += 3;
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    const l = left[i];
    const rt = right[i];
    if (l) s.row(r + i, c0, [l.label, num(String(i + 1), '0'), amount(style, table, l.value ?? '')]);
    if (rt) s.row(r + i, c0 + 3, [rt.label, num(String(firstRight + i), '0'), ...rt.values.map((v) => amount(style, table, v))]);
  }
  s.set(r + n + (style.spacer ? 1 : 0), c0, table === '公开01' ? '注：本套报表金额单位转换时可能存在尾数误差。' : '注：本表反映部门(单位)本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。');
}

function t01(style: Style): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? '公开01表' : 'Sheet1');
  const income = ['一、一般公共预算财政拨款收入', '二、政府性基金预算财政拨款收入', '三、国有资本经营预算财政拨款收入', '四、上级补助收入', '五、事业收入', '六、经营收入', '七、附属单位上缴收入', '八、其他收入'];
  const left = [
    ...income.map((label, i) => ({ label, value: i === 0 ? '292.90' : '' })),
    ...Array.from({ length: 18 }, () => ({ label: '' })),
    { label: '本年收入合计', value: '292.90' },
    { label: '使用非财政拨款结余' },
    { label: '年初结转和结余' },
    { label: '' },
    { label: '总计', value: '292.90' },
  ];
  const spent: Record<string, string> = { 一般公共服务支出: '261.26', 社会保障和就业支出: '6.56', 卫生健康支出: '25.09' };
  const right = [
    ...FUNCTIONAL_CLASSES.map(([o, name]) => ({ label: `${o}、${name}`, values: [spent[name] ?? ''] })),
    { label: '本年支出合计', values: ['292.90'] },
    { label: '结余分配', values: [''] },
    { label: '年末结转和结余', values: [''] },
    { label: '', values: [''] },
    { label: '总计', values: ['292.90'] },
  ];
  ledger(s, style, '公开01', '收入支出决算总表', left, right, ['决算数'], 32, ['收入', '支出']);
  return s;
}

function t04(style: Style): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? '公开04表' : 'Sheet4');
  const left = [
    { label: '一、一般公共预算财政拨款', value: '292.90' },
    { label: '二、政府性基金预算财政拨款' },
    { label: '三、国有资本经营预算财政拨款' },
    ...Array.from({ length: 23 }, () => ({ label: '' })),
    { label: '本年收入合计', value: '292.90' },
    { label: '年初财政拨款结转和结余' },
    { label: '一、一般公共预算财政拨款' },
    { label: '二、政府性基金预算财政拨款' },
    { label: '三、国有资本经营预算财政拨款' },
    { label: '总计', value: '292.90' },
  ];
  const spent: Record<string, string> = { 一般公共服务支出: '261.26', 社会保障和就业支出: '6.56', 卫生健康支出: '25.09' };
  const right = [
    ...FUNCTIONAL_CLASSES.map(([o, name]) => ({ label: `${o}、${name}`, values: spent[name] ? [spent[name], spent[name], '', ''] : ['', '', '', ''] })),
    { label: '本年支出合计', values: ['292.90', '292.90', '', ''] },
    { label: '年末财政拨款结转和结余', values: ['', '', '', ''] },
    { label: '', values: [] },
    { label: '', values: [] },
    { label: '', values: [] },
    { label: '总计', values: ['292.90', '292.90', '', ''] },
  ];
  ledger(s, style, '公开04', '财政拨款收入支出决算总表', left, right, ['小计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'], 33, ['收 入', '支 出']);
  return s;
}

interface CodeRow {
  code: string;
  name: string;
  values: string[];
}

/** A classified table (公开02/03/05/07/08): three header rows, the 栏次 row, 合计, then 类/款/项 rows. */
function classified(s: SheetBuilder, r0: number, style: Style, table: string, title: string, columns: (string | [string, string[]])[], total: string[], rows: CodeRow[], note: string): number {
  const c0 = style.spacer ? 1 : 0;
  const split = style.codes === 'split';
  const codeWidth = split ? 3 : 1;
  const flat = columns.flatMap((c) => (typeof c === 'string' ? [c] : c[1]));
  const width = codeWidth + 1 + flat.length;
  let r = caption(s, c0, r0, width, title, `${table}表`, style, table);
  // Row 1: 项目 over code and name; each column header merged down to row 2 (a group spans its columns).
  // A short header has no 项目 row: code and name headers in row 1, groups split in row 2.
  if (style.shortHeader) {
    s.span(r, c0, r + 1, c0 + codeWidth - 1, '支出功能分类科目编码');
    s.span(r, c0 + codeWidth, r + 1, c0 + codeWidth, '科目名称');
  } else {
    s.span(r, c0, r, c0 + codeWidth, '项目');
    s.span(r + 1, c0, r + 1, c0 + codeWidth - 1, '支出功能分类科目编码');
    s.set(r + 1, c0 + codeWidth, '科目名称');
  }
  let c = c0 + codeWidth + 1;
  for (const col of columns) {
    if (typeof col === 'string') {
      s.span(r, c, r + 1, c, col);
      c++;
    } else {
      s.span(r, c, r, c + col[1].length - 1, col[0]);
      col[1].forEach((sub, i) => s.set(r + 1, c + i, sub));
      c += col[1].length;
    }
  }
  s.row(r + 2, c0, [...(split ? ['类', '款', '项'] : ['']), '栏次', ...flat.map((_, i) => String(i + 1))]);
  r += 3;
  if (split) s.merge(r, c0, r, c0 + 2);
  s.row(r, c0 + codeWidth, ['合计', ...total.map((v) => amount(style, table, v))]);
  r++;
  for (const row of rows) {
    const level = row.code.length === 3 ? 0 : row.code.length === 5 ? 1 : 2;
    const parts = [row.code.slice(0, 3), row.code.slice(3, 5), row.code.slice(5, 7)];
    const code: Value[] = !split ? [row.code] : style.sparse ? parts.map((p, i) => (i === level ? p : '')) : parts;
    const name = style.indent ? `${'\u3000'.repeat(level)}${row.name}` : row.name;
    s.row(r, c0, [...code, name, ...row.values.map((v) => amount(style, table, v))]);
    r++;
  }
  if (style.spacer) r++;
  s.set(r, c0, note);
  return r + 1;
}

const SEED_ROWS = (a: string[], b: string[], c: string[]): CodeRow[] => [
  { code: '201', name: '一般公共服务支出', values: a },
  { code: '20105', name: '统计信息事务', values: a },
  { code: '2010504', name: '信息事务', values: a },
  { code: '208', name: '社会保障和就业支出', values: b },
  { code: '20805', name: '行政事业单位养老支出', values: b },
  { code: '2080501', name: '行政单位离退休', values: b },
  { code: '210', name: '卫生健康支出', values: c },
  { code: '21004', name: '公共卫生', values: c },
  { code: '2100409', name: '重大公共卫生服务', values: c },
];

function t02(style: Style): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? '公开02表' : 'Sheet2');
  const blank = ['', '', '', '', ''];
  classified(
    s,
    0,
    style,
    '公开02',
    '收入决算表',
    ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'],
    ['292.90', '292.90', ...blank],
    SEED_ROWS(['261.26', '261.26', ...blank], ['6.56', '6.56', ...blank], ['25.09', '25.09', ...blank]),
    '注：本表反映部门(单位)本年度取得的各项收入情况。',
  );
  return s;
}

function t03or05(style: Style, table: '公开03' | '公开05'): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? `${table}表` : table === '公开03' ? 'Sheet3' : 'Sheet5');
  const extra = table === '公开03' ? ['', '', ''] : [];
  const columns = table === '公开03' ? ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'] : ['本年支出合计', '基本支出', '项目支出'];
  classified(
    s,
    0,
    style,
    table,
    table === '公开03' ? '支出决算表' : '一般公共预算财政拨款支出决算表',
    columns,
    ['292.90', '101.37', '191.53', ...extra],
    SEED_ROWS(['261.26', '94.81', '166.45', ...extra], ['6.56', '6.56', '', ...extra], ['25.09', '', '25.09', ...extra]),
    table === '公开03' ? '注：本表反映部门(单位)本年度各项支出情况。' : '注：本表反映部门(单位)本年度一般公共预算财政拨款支出情况。',
  );
  return s;
}

/** 公开07 and 公开08, both empty, stacked in one sheet (as some exports do). */
function t07and08(style: Style): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? '公开07-08表' : 'Sheet7');
  const next = classified(
    s,
    0,
    style,
    '公开07',
    '政府性基金预算财政拨款收入支出决算表',
    ['年初结转和结余', '本年收入', ['本年支出', ['小计', '基本支出', '项目支出']], '年末结转和结余'],
    ['', '', '', '', '', ''],
    [],
    '注：1. 本表反映部门(单位)本年度政府性基金预算财政拨款收入、支出及结转和结余情况。',
  );
  classified(s, next + 2, style, '公开08', '国有资本经营预算财政拨款支出决算表', ['合计', '基本支出', '项目支出'], ['', '', ''], [], '注：1. 本表反映部门(单位)本年度国有资本经营预算财政拨款支出情况。');
  return s;
}

const T06: [string, string, string][][] = [
  [
    ['301', '工资福利支出', '86.52'], ['30101', '基本工资', '22.10'], ['30102', '津贴补贴', '13.82'], ['30103', '奖金', '27.24'], ['30106', '伙食补助费', '2.55'],
    ['30107', '绩效工资', ''], ['30108', '机关事业单位基本养老保险缴费', '8.77'], ['30109', '职业年金缴费', ''], ['30110', '职工基本医疗保险缴费', '2.52'],
    ['30111', '公务员医疗补助缴款', '0.96'], ['30112', '其他社会保障缴费', '0.08'], ['30113', '住房公积金', '7.80'], ['30114', '医疗费', ''],
    ['30199', '其他工资福利支出', '0.67'], ['303', '对个人和家庭的补助', '6.56'], ['30301', '离休费', ''], ['30302', '退休费', ''], ['30303', '退职(役)费', ''],
    ['30304', '抚恤金', ''], ['30305', '生活补贴', '6.23'], ['30306', '救济费', ''], ['30307', '医疗费补助', ''], ['30308', '助学金', ''], ['30309', '奖励金', '0.24'],
    ['30310', '个人农业生产补贴', ''], ['30311', '代缴社会保险费', ''], ['30399', '其他对个人和家庭的补助支出', '0.09'],
  ],
  [
    ['302', '商品和服务支出', '8.29'], ['30201', '办公费', '0.24'], ['30202', '印刷费', ''], ['30203', '咨询费', ''], ['30204', '手续费', ''], ['30205', '水费', ''],
    ['30206', '电费', ''], ['30207', '邮电费', '0.66'], ['30208', '取暖费', ''], ['30209', '物业管理费', ''], ['30211', '差旅费', '0.51'], ['30212', '因公出国(境)费用', ''],
    ['30213', '维修(护)费', ''], ['30214', '租赁费', ''], ['30215', '会议费', ''], ['30216', '培训费', ''], ['30217', '公务接待费', ''], ['30218', '专用材料费', ''],
    ['30224', '被装购置费', ''], ['30225', '专用燃料费', ''], ['30226', '劳务费', '0.26'], ['30227', '委托业务费', ''], ['30228', '工会经费', '2.52'], ['30229', '福利费', ''],
    ['30231', '公务用车运行维护费', ''], ['30239', '其他交通费用', '3.41'], ['30240', '税金及附加费用', ''], ['30299', '其他商品和服务支出', '0.70'],
  ],
  [
    ['307', '债务利息及费用支出', ''], ['30701', '国内债务付息', ''], ['30702', '国外债务付息', ''], ['30703', '国内债务发行费用', ''], ['30704', '国外债务发行费用', ''],
    ['310', '资本性支出', ''], ['31001', '房屋建筑物购建', ''], ['31002', '办公设备购置', ''], ['31003', '专用设备购置', ''], ['31005', '基础设施建设', ''],
    ['31006', '大型修缮', ''], ['31007', '信息网络及软件购置更新', ''], ['31008', '物资储备', ''], ['31009', '土地补偿', ''], ['31010', '安置补助', ''],
    ['31011', '地上附着物和青苗补偿', ''], ['31012', '拆迁补偿', ''], ['31013', '公务用车购置', ''], ['31019', '其他交通工具购置', ''], ['31021', '文物和陈列品购置', ''],
    ['31022', '无形资产购置', ''], ['31099', '其他资本性支出', ''], ['312', '对企业补助', ''], ['31201', '资本金注入', ''], ['31203', '政府投资基金股权投资', ''],
    ['31204', '费用补贴', ''], ['31205', '利息补贴', ''], ['31299', '其他对企业补助', ''], ['399', '其他支出', ''], ['39907', '国家赔偿费用支出', ''],
    ['39908', '对民间非营利组织和群众性自治组织补贴', ''], ['39909', '经常性赠与', ''], ['39910', '资本性赠与', ''], ['39999', '其他支出', ''],
  ],
];

/** 公开06: three panels of 经济分类 | 科目名称 | 金额 under 人员经费 / 公用经费, totals under them. */
function t06(style: Style): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? '公开06表' : 'Sheet6');
  const c0 = style.spacer ? 1 : 0;
  let r = caption(s, c0, 0, 9, '一般公共预算财政拨款基本支出决算表', '公开06表', style, '公开06');
  s.span(r, c0, r, c0 + 2, '人员经费').span(r, c0 + 3, r, c0 + 8, '公用经费');
  s.row(r + 1, c0, ['经济分类', '科目名称', '金额', '经济分类', '科目名称', '金额', '经济分类', '科目名称', '金额']);
  r += 2;
  const n = Math.max(...T06.map((p) => p.length));
  for (let i = 0; i < n; i++) {
    T06.forEach((panel, p) => {
      const row = panel[i];
      if (row) s.row(r + i, c0 + 3 * p, [row[0], row[1], amount(style, '公开06', row[2])]);
    });
  }
  r += n;
  s.span(r, c0, r, c0 + 1, '人员经费合计').set(r, c0 + 2, amount(style, '公开06', '93.08'));
  s.span(r, c0 + 3, r, c0 + 7, '公用经费合计').set(r, c0 + 8, amount(style, '公开06', '8.29'));
  s.set(r + 1, c0, '注：本表反映部门(单位)本年度一般公共预算财政拨款基本支出明细情况。');
  return s;
}

function t09(style: Style): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? '公开09表' : 'Sheet9');
  const c0 = style.spacer ? 1 : 0;
  let r = caption(s, c0, 0, 5, '财政拨款“三公”经费支出决算表', '公开09表', style, '公开09');
  s.row(r, c0, ['项目', '行次', '年初预算数', '全年预算数', '决算数']);
  s.row(r + 1, c0, ['栏次', '', '1', '2', '3']);
  r += 2;
  const rows: [string, string[]][] = [
    ['一、“三公”经费支出', []], ['1. 因公出国(境)费', []], ['2. 公务用车购置及运行维护费', []], ['(1) 公务用车购置费', []], ['(2) 公务用车运行维护费', []],
    ['3. 公务接待费', []], ['(1) 国内接待费', []], ['其中：外事接待费', []], ['(2) 国(境)外接待费', ['——']], ['二、相关统计数', []],
    ['1. 因公出国(境)团组数(个)', ['——']], ['2. 因公出国(境)人次数(人)', ['——', '——']], ['3. 公务用车购置数(辆)', []], ['4. 公务用车保有量(辆)', []],
    ['5. 国内公务接待批次(个)', []], ['其中：外事接待批次(个)', []], ['6. 国内公务接待人次(人)', []], ['其中：外事接待人次(人)', []],
    ['7. 国(境)外公务接待批次(个)', []], ['8. 国(境)外公务接待人次(人)', []],
  ];
  rows.forEach(([label, na], i) => s.row(r + i, c0, [label, num(String(i + 1), '0'), ...na]));
  s.set(r + rows.length, c0, '注：1. 本表反映部门本年度财政拨款“三公”经费支出预决算情况。');
  return s;
}

function t10(style: Style): SheetBuilder {
  const s = new SheetBuilder(style.sheetNames === 'number' ? '公开10表' : 'Sheet10');
  const c0 = style.spacer ? 1 : 0;
  s.span(0, c0, 0, c0 + 2, '国有资产占用情况表');
  s.set(1, c0 + 2, '公开10表');
  s.span(2, c0, 2, c0 + 1, `部门：${DEPT}`).set(2, c0 + 2, '单位：台、辆、套');
  const labels = ['一、车辆数合计(台、辆)', '1. 副部(省)级及以上领导用车', '2. 主要负责人用车', '3. 机要通信用车', '4. 应急保障用车', '5. 执法执勤用车', '6. 特种专业技术用车', '7. 离退休干部服务用车', '8. 其他用车', '二、单价 100 万元(含)以上设备(不含车辆)(台、套)'];
  s.row(3, c0, ['项 目', '行次', '决算数']);
  s.row(4, c0, ['栏次', '', '1']);
  labels.forEach((label, i) => s.row(5 + i, c0, [label, num(String(i + 1), '0'), num('0', '0')]));
  s.set(15, c0, '注：1. 本表反映截止2023年12月31日,部门(单位)占用的国有资产情况。');
  return s;
}

/** The ten tables of the seed in one style. */
export function seedSheets(style: Style): SheetBuilder[] {
  return [t01(style), t02(style), t03or05(style, '公开03'), t04(style), t03or05(style, '公开05'), t06(style), t07and08(style), t09(style), t10(style)];
}

export const SPLIT_XLS: Style = { codes: 'split', amounts: 'number', yuan: new Set(), spacer: false, sheetNames: 'number', indent: false };
export const JOINED_XLSX: Style = { codes: 'joined', amounts: 'text', yuan: new Set(['公开05']), spacer: true, sheetNames: 'generic', indent: true };
export const SPARSE_XLSX: Style = { codes: 'split', amounts: 'number', yuan: new Set(['公开02']), spacer: false, sheetNames: 'number', indent: false, sparse: true, shortHeader: true, floatNoise: true };

/** Every fixture workbook: name → bytes. */
export function fixtureWorkbooks(): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  out.set('xunyang-2023-split.xls', workbookBytes(seedSheets(SPLIT_XLS), 'xls'));
  out.set('xunyang-2023-joined.xlsx', workbookBytes(seedSheets(JOINED_XLSX), 'xlsx'));
  out.set('xunyang-2023-sparse.xlsx', workbookBytes(seedSheets(SPARSE_XLSX), 'xlsx'));
  // The 绩效 forms: the twelve 项目支出绩效自评表 and the 部门整体支出绩效自评表.
  out.set('xunyang-2023-perf.xlsx', workbookBytes(perfSheets(compile(SEED_REPORT).data.report!), 'xlsx'));
  // Faults, each in a copy of the split workbook (as .xlsx).
  const faulty = (change: (sheets: SheetBuilder[]) => void) => {
    const sheets = seedSheets(SPLIT_XLS);
    change(sheets);
    return workbookBytes(sheets, 'xlsx');
  };
  const sheet = (sheets: SheetBuilder[], name: string) => sheets.find((s) => s.name === name)!;
  // 公开05 row 2010504 recoded 2010599 (not in the template's 功能分类).
  out.set('fault-unknown-code.xlsx', faulty((sheets) => sheet(sheets, '公开05表').set(9, 2, '99')));
  // 公开03: the 项目支出 column's values one column to the right (under 上缴上级支出's neighbour).
  out.set(
    'fault-shifted-column.xlsx',
    faulty((sheets) => {
      const s = sheet(sheets, '公开03表');
      for (let r = 6; r <= 15; r++) {
        const from = s.ws[`G${r + 1}`] as { v: number } | undefined;
        if (!from) continue;
        delete s.ws[`G${r + 1}`];
        s.set(r, 10, num(String(from.v)));
      }
    }),
  );
  // 公开05 合计 基本支出 103.37 (its 类 add up to 101.37).
  out.set('fault-wrong-total.xlsx', faulty((sheets) => sheet(sheets, '公开05表').set(6, 5, num('103.37'))));
  return out;
}
