// The words of a run report in each of the app's languages. The report is written in main (the
// app) or the CLI, where the renderer's vue-i18n catalogues do not reach, so it keeps its own small
// table; the `ReportStrings` type makes the three languages carry the same keys. Vocabulary as
// traders read it (強制清算, 自動デレバレッジ, 保険基金 / 强制平仓, 自动减仓, 保险基金).
import { TEXT_LANGS, type TextLang } from '../i18n/scenario-names'
import type { EventKind } from '../model/run'

/** The report speaks the app's languages (the same list as the shipped presets' names). */
export const REPORT_LANGS = TEXT_LANGS
export type ReportLang = TextLang

export const isReportLang = (v: unknown): v is ReportLang => typeof v === 'string' && (REPORT_LANGS as readonly string[]).includes(v)

export interface ReportStrings {
  title: string
  survived: string
  liquidated: string
  generated: string
  runId: string
  inputs: string
  book: string
  venue: string
  snapshot: string
  marginMode: Record<'cross' | 'isolated' | 'portfolio', string>
  positionsCount: (n: number) => string
  scenario: string
  window: string
  step: string
  whatIf: string
  whatIfNone: string
  seed: string
  crowd: (accounts: string, size: string) => string
  pricing: string
  pricingBook: string
  pricingHistorical: string
  inputHash: string
  summary: string
  startEquity: string
  finalEquity: string
  change: string
  firstMarginCall: string
  firstLiquidation: string
  firstAdl: string
  never: string
  lossTitle: string
  loss: Record<'price' | 'slippage' | 'fees' | 'profitLostToAdl', string>
  totalLoss: string
  crowdTitle: string
  accountsLiquidated: string
  notionalLiquidated: string
  longShare: string
  adlEvents: string
  adlNotional: string
  absorbedFund: string
  absorbedAdl: string
  unrecovered: string
  fundTitle: string
  fundStart: string
  fundMin: string
  fundEnd: string
  positionsTitle: string
  position: string
  contract: string
  side: Record<'long' | 'short', string>
  sideLabel: string
  qty: string
  entry: string
  leverage: string
  outcome: string
  liquidatedAt: (time: string) => string
  adlAt: (time: string, n: number) => string
  untouched: string
  morePositions: (n: number) => string
  morePathRows: (n: number) => string
  chartsTitle: string
  chartPrices: string
  chartEquity: string
  chartFund: string
  equity: string
  marginRatio: string
  liqLine: string
  pathTitle: string
  pathIntro: (events: number, mine: number) => string
  pathEmpty: string
  time: string
  sinceStart: string
  event: string
  price: string
  amount: string
  causedBy: string
  /** Legend of the ★ after a cause that is one of the book's own events. */
  ownEvent: string
  /** Names of the amounts the path table shows (an event's `amounts` keys). */
  amountNames: Record<'equity' | 'notional' | 'proceeds' | 'repaid' | 'profitLost' | 'deficit', string>
  /** A liquidation of no position: the account's collateral sold. */
  collateralSold: (asset: string) => string
  kinds: Record<EventKind, string>
  assumptionsTitle: string
  assumptions: {
    crowd: (accounts: string, seed: number) => string
    seeds: string
    pricingBook: string
    pricingHistorical: string
    venue: (name: string, snapshot: string, unconfirmed: number) => string
    collateral: Record<'book' | 'oracle', string>
    fund: (usd: string, whatIf: boolean) => string
    breaker: (on: boolean) => string
    exact: string
  }
  reproduceTitle: string
  reproduce: string
  inputsText: string
}

const en: ReportStrings = {
  title: 'Cascade run report',
  survived: 'Survived',
  liquidated: 'Liquidated',
  generated: 'Generated',
  runId: 'Run',
  inputs: 'Inputs',
  book: 'Book',
  venue: 'Venue',
  snapshot: 'rules as of',
  marginMode: { cross: 'cross margin', isolated: 'isolated margin', portfolio: 'portfolio margin (unified)' },
  positionsCount: (n) => `${n} position${n === 1 ? '' : 's'}`,
  scenario: 'Scenario',
  window: 'Window',
  step: 'step',
  whatIf: 'What-if changes',
  whatIfNone: 'none (the scenario as named)',
  seed: 'Seed',
  crowd: (accounts, size) => `${accounts} synthetic accounts (crowd size ${size})`,
  pricing: 'Start prices',
  pricingBook: "the book's own marks",
  pricingHistorical: "the scenario's historical prices (book re-priced)",
  inputHash: 'Input hash (SHA-256)',
  summary: 'Summary',
  startEquity: 'Start equity',
  finalEquity: 'Final equity',
  change: 'Change',
  firstMarginCall: 'First margin call',
  firstLiquidation: 'First liquidation',
  firstAdl: 'First ADL on the book',
  never: 'never',
  lossTitle: 'Where the money went',
  loss: { price: 'Price', slippage: 'Slippage', fees: 'Fees', profitLostToAdl: 'ADL price vs mark' },
  totalLoss: 'Total loss',
  crowdTitle: 'Crowd',
  accountsLiquidated: 'Accounts liquidated',
  notionalLiquidated: 'Notional liquidated',
  longShare: 'Long share',
  adlEvents: 'ADL events',
  adlNotional: 'Notional closed by ADL',
  absorbedFund: 'Losses covered by the insurance fund',
  absorbedAdl: 'Losses covered by ADL',
  unrecovered: 'Unrecovered (bad debt)',
  fundTitle: 'Insurance fund',
  fundStart: 'Start',
  fundMin: 'Minimum',
  fundEnd: 'End',
  positionsTitle: 'Positions',
  position: 'Position',
  contract: 'Contract',
  side: { long: 'long', short: 'short' },
  sideLabel: 'Side',
  qty: 'Quantity',
  entry: 'Entry',
  leverage: 'Leverage',
  outcome: 'In this run',
  liquidatedAt: (time) => `liquidated ${time}`,
  adlAt: (time, n) => `ADL ${time}${n > 1 ? ` (×${n})` : ''}`,
  untouched: 'kept',
  morePositions: (n) => `… and ${n} more position${n === 1 ? '' : 's'} (the whole book is in book.json below).`,
  morePathRows: (n) => `… and ${n} more of the book's events (the Replay screen exports every event).`,
  chartsTitle: 'Charts',
  chartPrices: 'Prices vs start (book assets), with the book’s margin call, liquidation and ADL',
  chartEquity: 'Your equity (USD, left) and margin ratio (right)',
  chartFund: 'Insurance fund (USD)',
  equity: 'Equity',
  marginRatio: 'Margin ratio',
  liqLine: 'liquidation at 100%',
  pathTitle: 'Liquidation path',
  pathIntro: (events, mine) => `${events} events lead to the book's ${mine}; each row says what caused it.`,
  pathEmpty: 'Nothing happened to the book: no event on its liquidation path.',
  time: 'Time (UTC)',
  sinceStart: 'since start',
  event: 'Event',
  price: 'Price',
  amount: 'Amount',
  causedBy: 'Caused by',
  ownEvent: '★ marks a cause that is one of the book’s own events.',
  collateralSold: (asset) => `collateral sold: ${asset}`,
  amountNames: { equity: 'equity', notional: 'notional', proceeds: 'proceeds', repaid: 'repaid', profitLost: 'vs mark at ADL', deficit: 'deficit' },
  kinds: {
    shock: 'price shock',
    depth: 'depth change',
    depeg: 'depeg',
    'margin-call': 'margin call',
    liquidation: 'liquidation',
    insurance: 'insurance fund',
    adl: 'ADL',
    'circuit-breaker': 'circuit breaker',
    bankrupt: 'bankruptcy',
    'defi-liquidation': 'DeFi liquidation',
    'loop-unwind': 'loop unwind',
  },
  assumptionsTitle: 'Assumptions',
  assumptions: {
    crowd: (accounts, seed) => `The other traders are a synthetic crowd of ${accounts} accounts drawn with seed ${seed}; their liquidations move the same books as yours.`,
    seeds: 'A result that changes with the seed is a frequency, not a fact: run several seeds before relying on it.',
    pricingBook: "The scenario's moves are applied to the book's own marks, so the run starts at the equity the book shows.",
    pricingHistorical: "The book is re-priced at the scenario's historical start prices before the moves.",
    venue: (name, snapshot, n) => `Venue rules: ${name} (${snapshot})${n ? `; ${n} of the profile's figures are assumptions, not published values` : ''}.`,
    collateral: { book: "Collateral is valued on the venue's own book, as on 2025-10-10.", oracle: 'Collateral is valued at the oracle price.' },
    fund: (usd, whatIf) => `The venue's insurance funds start at ${usd} USD together (${whatIf ? "a what-if: the scenario's size, the venue's funds scaled to it" : "the venue profile's sizes"}).`,
    breaker: (on) => (on ? 'A circuit breaker halts matching on large moves (scenario setting).' : 'No circuit breaker halts matching.'),
    exact: 'Account figures are exact decimals; the market and crowd are a float64 statistical model, with money conserved at every step.',
  },
  reproduceTitle: 'Reproduce',
  reproduce: 'Save the two documents below as files and run the command: the same inputs give the same hash and the same result, byte for byte.',
  inputsText: 'Inputs as hashed (canonical JSON)',
}

const ja: ReportStrings = {
  title: 'Cascade 実行レポート',
  survived: '生存',
  liquidated: '強制清算',
  generated: '作成日時',
  runId: '実行ID',
  inputs: '入力',
  book: 'ブック',
  venue: '取引所',
  snapshot: 'ルール時点',
  marginMode: { cross: 'クロスマージン', isolated: '分離マージン', portfolio: 'ポートフォリオマージン（統一アカウント）' },
  positionsCount: (n) => `${n} ポジション`,
  scenario: 'シナリオ',
  window: '期間',
  step: '刻み',
  whatIf: 'What-if 変更',
  whatIfNone: 'なし（シナリオのまま）',
  seed: 'シード',
  crowd: (accounts, size) => `合成アカウント ${accounts} 件（クラウド規模 ${size}）`,
  pricing: '開始価格',
  pricingBook: 'ブック自身のマーク価格',
  pricingHistorical: 'シナリオの過去価格（ブックを再評価）',
  inputHash: '入力ハッシュ（SHA-256）',
  summary: 'サマリー',
  startEquity: '開始時の資産',
  finalEquity: '最終資産',
  change: '増減',
  firstMarginCall: '初回の追証',
  firstLiquidation: '最初の強制清算',
  firstAdl: 'ブック最初の自動デレバレッジ',
  never: 'なし',
  lossTitle: '損失の内訳',
  loss: { price: '価格変動', slippage: 'スリッページ', fees: '手数料', profitLostToAdl: 'ADL 価格とマークの差' },
  totalLoss: '損失合計',
  crowdTitle: '市場参加者',
  accountsLiquidated: '強制清算されたアカウント',
  notionalLiquidated: '強制清算の想定元本',
  longShare: 'ロング比率',
  adlEvents: '自動デレバレッジ件数',
  adlNotional: '自動デレバレッジで決済された想定元本',
  absorbedFund: '保険基金が負担した損失',
  absorbedAdl: '自動デレバレッジが負担した損失',
  unrecovered: '未回収（不良債権）',
  fundTitle: '保険基金',
  fundStart: '開始',
  fundMin: '最小',
  fundEnd: '終了',
  positionsTitle: 'ポジション',
  position: 'ポジション',
  contract: '銘柄',
  side: { long: 'ロング', short: 'ショート' },
  sideLabel: '方向',
  qty: '数量',
  entry: '建値',
  leverage: 'レバレッジ',
  outcome: 'この実行では',
  liquidatedAt: (time) => `強制清算 ${time}`,
  adlAt: (time, n) => `自動デレバレッジ ${time}${n > 1 ? `（×${n}）` : ''}`,
  untouched: '維持',
  morePositions: (n) => `… ほか ${n} ポジション（ブック全体は下の book.json にあります）。`,
  morePathRows: (n) => `… ほかにブックのイベントが ${n} 件あります（リプレイ画面から全イベントを書き出せます）。`,
  chartsTitle: 'チャート',
  chartPrices: '開始比の価格（ブックの資産）とブックの追証・強制清算・自動デレバレッジ',
  chartEquity: '資産（USD、左）と証拠金率（右）',
  chartFund: '保険基金（USD）',
  equity: '資産',
  marginRatio: '証拠金率',
  liqLine: '100% で強制清算',
  pathTitle: '清算の連鎖',
  pathIntro: (events, mine) => `${events} 件のイベントがブックの ${mine} 件に至りました。各行にその原因を示します。`,
  pathEmpty: 'ブックには何も起きませんでした（清算の連鎖にイベントなし）。',
  time: '時刻（UTC）',
  sinceStart: '開始から',
  event: 'イベント',
  price: '価格',
  amount: '金額',
  causedBy: '原因',
  ownEvent: '★ はブック自身のイベントである原因を示します。',
  collateralSold: (asset) => `担保売却：${asset}`,
  amountNames: { equity: '資産', notional: '想定元本', proceeds: '売却代金', repaid: '返済額', profitLost: 'マークとの差', deficit: '不足額' },
  kinds: {
    shock: '価格ショック',
    depth: '板の厚みの変化',
    depeg: 'デペッグ',
    'margin-call': '追証',
    liquidation: '強制清算',
    insurance: '保険基金',
    adl: '自動デレバレッジ',
    'circuit-breaker': 'サーキットブレーカー',
    bankrupt: '破産',
    'defi-liquidation': 'DeFi 清算',
    'loop-unwind': 'ループ解消',
  },
  assumptionsTitle: '前提',
  assumptions: {
    crowd: (accounts, seed) => `他のトレーダーはシード ${seed} で生成した合成アカウント ${accounts} 件です。その強制清算はあなたと同じ板を動かします。`,
    seeds: 'シードで変わる結果は事実ではなく頻度です。判断の前に複数のシードで実行してください。',
    pricingBook: 'シナリオの値動きをブック自身のマーク価格に適用するため、実行はブックに表示された資産から始まります。',
    pricingHistorical: '値動きの前に、ブックをシナリオの過去の開始価格で再評価します。',
    venue: (name, snapshot, n) => `取引所のルール：${name}（${snapshot}）${n ? `。プロファイルの数値のうち ${n} 個は公表値ではなく仮定です` : ''}。`,
    collateral: { book: '担保は 2025-10-10 と同じく取引所自身の板で評価します。', oracle: '担保はオラクル価格で評価します。' },
    fund: (usd, whatIf) => `取引所の保険基金は合計 ${usd} USD から始まります（${whatIf ? 'What-if：シナリオで指定した規模に取引所の基金を比例調整' : '取引所プロファイルの規模'}）。`,
    breaker: (on) => (on ? '大きな値動きでサーキットブレーカーが約定を止めます（シナリオの設定）。' : 'サーキットブレーカーはありません。'),
    exact: '口座の数値は厳密な10進数です。市場と参加者は float64 の統計モデルで、各ステップで資金は保存されます。',
  },
  reproduceTitle: '再現',
  reproduce: '下の2つの文書をファイルに保存してコマンドを実行してください。同じ入力からは同じハッシュと、1バイトも違わない同じ結果が得られます。',
  inputsText: 'ハッシュ対象の入力（正規化 JSON）',
}

const zhCN: ReportStrings = {
  title: 'Cascade 运行报告',
  survived: '存活',
  liquidated: '强制平仓',
  generated: '生成时间',
  runId: '运行 ID',
  inputs: '输入',
  book: '账户组合',
  venue: '交易所',
  snapshot: '规则截至',
  marginMode: { cross: '全仓', isolated: '逐仓', portfolio: '组合保证金（统一账户）' },
  positionsCount: (n) => `${n} 个仓位`,
  scenario: '情景',
  window: '时间窗口',
  step: '步长',
  whatIf: '假设变更',
  whatIfNone: '无（按情景原样）',
  seed: '随机种子',
  crowd: (accounts, size) => `${accounts} 个合成账户（人群规模 ${size}）`,
  pricing: '起始价格',
  pricingBook: '组合自身的标记价格',
  pricingHistorical: '情景的历史价格（组合重新定价）',
  inputHash: '输入哈希（SHA-256）',
  summary: '摘要',
  startEquity: '起始权益',
  finalEquity: '最终权益',
  change: '变动',
  firstMarginCall: '首次追加保证金通知',
  firstLiquidation: '首次强制平仓',
  firstAdl: '组合首次自动减仓',
  never: '无',
  lossTitle: '损失构成',
  loss: { price: '价格', slippage: '滑点', fees: '手续费', profitLostToAdl: 'ADL 价格与标记价之差' },
  totalLoss: '总损失',
  crowdTitle: '市场参与者',
  accountsLiquidated: '被强平账户',
  notionalLiquidated: '强平名义金额',
  longShare: '多头占比',
  adlEvents: '自动减仓次数',
  adlNotional: '自动减仓平仓的名义价值',
  absorbedFund: '保险基金承担的亏损',
  absorbedAdl: '自动减仓承担的亏损',
  unrecovered: '未弥补（穿仓亏损）',
  fundTitle: '保险基金',
  fundStart: '起始',
  fundMin: '最低',
  fundEnd: '结束',
  positionsTitle: '仓位',
  position: '仓位',
  contract: '合约',
  side: { long: '多', short: '空' },
  sideLabel: '方向',
  qty: '数量',
  entry: '开仓价',
  leverage: '杠杆',
  outcome: '本次运行',
  liquidatedAt: (time) => `强平 ${time}`,
  adlAt: (time, n) => `自动减仓 ${time}${n > 1 ? `（×${n}）` : ''}`,
  untouched: '保留',
  morePositions: (n) => `… 另有 ${n} 个仓位（完整组合见下方 book.json）。`,
  morePathRows: (n) => `… 另有 ${n} 个组合事件（回放页可导出全部事件）。`,
  chartsTitle: '图表',
  chartPrices: '相对起始的价格（组合资产），标出组合的追保、强平与自动减仓',
  chartEquity: '权益（USD，左）与保证金率（右）',
  chartFund: '保险基金（USD）',
  equity: '权益',
  marginRatio: '保证金率',
  liqLine: '100% 时强平',
  pathTitle: '强平路径',
  pathIntro: (events, mine) => `${events} 个事件导致了组合的 ${mine} 个事件；每行列出其原因。`,
  pathEmpty: '组合未受影响：强平路径上没有事件。',
  time: '时间（UTC）',
  sinceStart: '距开始',
  event: '事件',
  price: '价格',
  amount: '金额',
  causedBy: '起因',
  ownEvent: '★ 表示该起因是组合自身的事件。',
  collateralSold: (asset) => `抵押品卖出：${asset}`,
  amountNames: { equity: '权益', notional: '名义金额', proceeds: '卖出所得', repaid: '偿还额', profitLost: '与标记价之差', deficit: '亏空' },
  kinds: {
    shock: '价格冲击',
    depth: '盘口深度变化',
    depeg: '脱锚',
    'margin-call': '追加保证金通知',
    liquidation: '强制平仓',
    insurance: '保险基金',
    adl: '自动减仓',
    'circuit-breaker': '熔断',
    bankrupt: '穿仓',
    'defi-liquidation': 'DeFi 清算',
    'loop-unwind': '循环借贷平仓',
  },
  assumptionsTitle: '假设',
  assumptions: {
    crowd: (accounts, seed) => `其他交易者是以种子 ${seed} 生成的 ${accounts} 个合成账户；他们的强平与您在同一盘口成交。`,
    seeds: '随种子变化的结果是频率而非事实：依赖之前请用多个种子运行。',
    pricingBook: '情景的价格变动施加在组合自身的标记价格上，因此运行从组合显示的权益开始。',
    pricingHistorical: '在价格变动之前，组合先按情景的历史起始价格重新定价。',
    venue: (name, snapshot, n) => `交易所规则：${name}（${snapshot}）${n ? `；配置中有 ${n} 个数值是假设而非公开数据` : ''}。`,
    collateral: { book: '抵押品按交易所自身盘口估值（与 2025-10-10 相同）。', oracle: '抵押品按预言机价格估值。' },
    fund: (usd, whatIf) => `交易所保险基金合计起始为 ${usd} USD（${whatIf ? '假设情景：按情景指定的规模等比例调整交易所的基金' : '交易所配置中的规模'}）。`,
    breaker: (on) => (on ? '大幅波动时熔断暂停撮合（情景设定）。' : '没有熔断暂停撮合。'),
    exact: '账户数值为精确十进制；市场与人群为 float64 统计模型，每一步资金守恒。',
  },
  reproduceTitle: '复现',
  reproduce: '将下面两个文档保存为文件并运行该命令：相同的输入得到相同的哈希和逐字节相同的结果。',
  inputsText: '参与哈希的输入（规范化 JSON）',
}

export const REPORT_STRINGS: Record<ReportLang, ReportStrings> = { en, ja, 'zh-CN': zhCN }
