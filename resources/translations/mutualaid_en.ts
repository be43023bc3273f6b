<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AccountDialog</name>
    <message>
        <source>更正给付账户</source>
        <translation>Correct payout account</translation>
    </message>
    <message>
        <source>理赔 {claim}：按新的银行卡复印件填写。更正后该理赔重新等待给付。</source>
        <translation>Claim {claim}: enter the account from the new bank card copy. The claim then waits for payout again.</translation>
    </message>
    <message>
        <source>开户行：</source>
        <translation>Bank:</translation>
    </message>
    <message>
        <source>户名：</source>
        <translation>Account holder:</translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>Account number:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ActiveDialog</name>
    <message>
        <source>停用账号</source>
        <translation>Deactivate account</translation>
    </message>
    <message>
        <source>启用账号</source>
        <translation>Reactivate account</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>停用账号 {name}？停用后不能再用它登录；账号和它的记录都保留，以后可以重新启用。</source>
        <translation>Deactivate the account {name}? It can no longer be used to log in; the account and its records are kept, and it can be reactivated later.</translation>
    </message>
    <message>
        <source>重新启用账号 {name}？启用后可以用原密码登录。</source>
        <translation>Reactivate the account {name}? It can then log in with its old password.</translation>
    </message>
</context>
<context>
    <name>AddHospitalDialog</name>
    <message>
        <source>新增医院</source>
        <translation>Add hospital</translation>
    </message>
    <message>
        <source>医院名称</source>
        <translation>Hospital name</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>未定级</source>
        <translation>Ungraded</translation>
    </message>
    <message>
        <source>医院等级</source>
        <translation>Hospital grade</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>添加医院时出现意外错误。</source>
        <translation>An unexpected error occurred while adding the hospital.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>新增用户</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>登录用的名字，如 zhangsan</source>
        <translation>the name to log in with, e.g. zhangsan</translation>
    </message>
    <message>
        <source>用户名(&amp;U)：</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>角色(&amp;R)：</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>密码(&amp;P)：</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>确认密码(&amp;C)：</source>
        <translation>&amp;Confirm password:</translation>
    </message>
</context>
<context>
    <name>BackupStatus</name>
    <message>
        <source>⚠ 备份没有成功</source>
        <translation>⚠ Backup failed</translation>
    </message>
    <message>
        <source>最近一次备份没有成功，此后还没有成功的备份。点击查看原因</source>
        <translation>The last backup failed and no backup has succeeded since. Click to see why</translation>
    </message>
    <message>
        <source>备份没有成功</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>请尽快处理备份的问题。</source>
        <translation>Please deal with the backup problem soon.</translation>
    </message>
    <message>
        <source>问题解决后，请用“文件 → 立即备份”备份一次；备份成功后这条提示会自动消失。</source>
        <translation>Once the problem is solved, back up once with “File → Back up now”; this warning goes away as soon as a backup succeeds.</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>BadRowsModel</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>BatchesModel</name>
    <message>
        <source>批次号</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>生成日期</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>笔数</source>
        <translation>Rows</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>已给付</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>未导出</source>
        <translation>Not exported</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已结清</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>{status}（导出 {count} 次，含副本）</source>
        <translation>{status} (exported {count} times, copies included)</translation>
    </message>
</context>
<context>
    <name>BusyNotice</name>
    <message>
        <source>数据库正被另一个柜台或程序使用，正在等待……</source>
        <translation>The database is in use by another counter or program; waiting…</translation>
    </message>
</context>
<context>
    <name>ClaimDetailView</name>
    <message>
        <source>理赔信息</source>
        <translation>Claim facts</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Papers</translation>
    </message>
    <message>
        <source>计算</source>
        <translation>Computation</translation>
    </message>
    <message>
        <source>给付账户</source>
        <translation>Payout account</translation>
    </message>
    <message>
        <source>处理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <source>疑点（须逐项核实后才能核准）：</source>
        <translation>Points to check (each one, before approving):</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别/年龄</source>
        <translation>Sex/age</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>诊断</source>
        <translation>Diagnosis</translation>
    </message>
    <message>
        <source>缺少的材料须于 {day} 前补交</source>
        <translation>Missing papers are due by {day}</translation>
    </message>
    <message>
        <source>未记录材料清单</source>
        <translation>No papers checklist recorded</translation>
    </message>
    <message>
        <source>受理后情况有变化，按现在的数据重新计算的结果与受理时不同；审核以重新计算的结果为准。</source>
        <translation>Things have changed since intake: the quote computed now differs from the one at intake; the decision uses the quote computed now.</translation>
    </message>
    <message>
        <source>受理时</source>
        <translation>At intake</translation>
    </message>
    <message>
        <source>现在重新计算</source>
        <translation>Computed now</translation>
    </message>
    <message>
        <source>计算结果</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>受理后有变化的信息：</source>
        <translation>Facts changed since intake:</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>受益人：</source>
        <translation>Beneficiary:</translation>
    </message>
    <message>
        <source>审核结果</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>不符合给付条件</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>给付</source>
        <translation>Pays</translation>
    </message>
</context>
<context>
    <name>ClaimIntakePage</name>
    <message>
        <source>理赔受理</source>
        <translation>Claim intake</translation>
    </message>
    <message>
        <source>补交材料…</source>
        <translation>Bring missing papers…</translation>
    </message>
    <message>
        <source>按受理编号找到待补材料的理赔，勾选补交的材料</source>
        <translation>Find a claim waiting for papers by its number and tick the papers brought</translation>
    </message>
    <message>
        <source>保存并打印回执</source>
        <translation>Save and print receipt</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>查找会员时出现意外错误。</source>
        <translation>An unexpected error occurred while looking up the member.</translation>
    </message>
    <message>
        <source>{name}（{sex}，{age} 周岁） · {unit}</source>
        <translation>{name} ({sex}, {age} years) · {unit}</translation>
    </message>
    <message>
        <source>无单位</source>
        <translation>No unit</translation>
    </message>
    <message>
        <source>该会员有待补材料的理赔：{numbers}（补交请用“补交材料”）</source>
        <translation>This member has claims waiting for papers: {numbers} (use “Bring missing papers”)</translation>
    </message>
    <message>
        <source>没有可用的保障。</source>
        <translation>No cover to claim on.</translation>
    </message>
    <message>
        <source>本期已给付 {paid}，年度限额 {cap}</source>
        <translation>Paid this period {paid}, annual cap {cap}</translation>
    </message>
    <message>
        <source>本期已理赔 {count} 次</source>
        <translation>{count} claims paid this period</translation>
    </message>
    <message>
        <source>另有 {count} 件理赔在办</source>
        <translation>{count} more claims in progress</translation>
    </message>
    <message>
        <source>本期尚无理赔</source>
        <translation>No claims this period yet</translation>
    </message>
    <message>
        <source>请先输入身份证号码并按回车，找到会员。</source>
        <translation>Enter the ID number and press Enter to find the member first.</translation>
    </message>
    <message>
        <source>没有可用的保障，不能受理：{reason}</source>
        <translation>No cover to claim on, the claim cannot be received: {reason}</translation>
    </message>
    <message>
        <source>
有疑点（{items}），已记录，由审核人核实决定。</source>
        <translation>
Possible duplicate ({items}): recorded; the reviewer will decide.</translation>
    </message>
    <message>
        <source>已受理，编号 {number}：待补材料（{items}），请于 {due} 前补交。</source>
        <translation>Received, number {number}: waiting for papers ({items}), to be brought by {due}.</translation>
    </message>
    <message>
        <source>已受理，编号 {number}：材料齐全，已转审核。</source>
        <translation>Received, number {number}: papers complete, sent for review.</translation>
    </message>
    <message>
        <source>回执文件没有生成：{reason}</source>
        <translation>The receipt file was not made: {reason}</translation>
    </message>
    <message>
        <source>保存时出现意外错误，数据没有改动。</source>
        <translation>An unexpected error occurred while saving; nothing was changed.</translation>
    </message>
    <message>
        <source>读取数据时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the data.</translation>
    </message>
    <message>
        <source>理赔 {number} 材料已补齐，已转审核。</source>
        <translation>Claim {number}: papers complete, sent for review.</translation>
    </message>
    <message>
        <source>理赔 {number} 仍缺：{items}。</source>
        <translation>Claim {number} still misses: {items}.</translation>
    </message>
</context>
<context>
    <name>ClaimReviewPage</name>
    <message>
        <source>理赔审核</source>
        <translation>Claim review</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>最低</source>
        <translation>From</translation>
    </message>
    <message>
        <source>最高</source>
        <translation>To</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>县区：</source>
        <translation>County:</translation>
    </message>
    <message>
        <source>计划：</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>经办人：</source>
        <translation>Clerk:</translation>
    </message>
    <message>
        <source>计算金额：</source>
        <translation>Computed amount:</translation>
    </message>
    <message>
        <source>核准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>已逐项核实上述疑点</source>
        <translation>Each point above has been checked</translation>
    </message>
    <message>
        <source>这件理赔有疑点（见上方详情）：核实无误后勾选，才能核准</source>
        <translation>This claim has points to check (see the details above): tick this once they are checked, to approve</translation>
    </message>
    <message>
        <source>疑点：</source>
        <translation>To check:</translation>
    </message>
    <message>
        <source>核准金额：</source>
        <translation>Approved amount:</translation>
    </message>
    <message>
        <source>核准金额低于计算金额时必填</source>
        <translation>Required when the amount is lower than computed</translation>
    </message>
    <message>
        <source>核减理由：</source>
        <translation>Reason for the lower amount:</translation>
    </message>
    <message>
        <source>核准(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>不予给付</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>具体说明（选“其他”时必填）</source>
        <translation>Explanation (required for “Other”)</translation>
    </message>
    <message>
        <source>说明：</source>
        <translation>Explanation:</translation>
    </message>
    <message>
        <source>不予给付(&amp;R)</source>
        <translation>&amp;Refuse</translation>
    </message>
    <message>
        <source>待审核 {total} 件</source>
        <translation>{total} claims waiting for review</translation>
    </message>
    <message>
        <source>（显示最早的 {count} 件，可用筛选条件缩小范围）</source>
        <translation> (the oldest {count} shown; use the filters to narrow the list)</translation>
    </message>
    <message>
        <source>没有待审核的理赔。</source>
        <translation>No claims are waiting for review.</translation>
    </message>
    <message>
        <source>读取待审核理赔时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the claims to review.</translation>
    </message>
    <message>
        <source>这件理赔有 {count} 项疑点：请逐项核实后勾选“已逐项核实上述疑点”，再核准；否则请选择不予给付。</source>
        <translation>This claim has {count} point(s) to check: check each, tick “Each point above has been checked”, then approve; otherwise refuse it.</translation>
    </message>
    <message>
        <source>核准金额低于计算金额，请填写核减理由。</source>
        <translation>The approved amount is lower than computed: please write the reason.</translation>
    </message>
    <message>
        <source>核准理赔 {number}（{name}），给付 {amount}？</source>
        <translation>Approve claim {number} ({name}) and pay {amount}?</translation>
    </message>
    <message>
        <source>核减理由：{reason}</source>
        <translation>Reason for the lower amount: {reason}</translation>
    </message>
    <message>
        <source>已核实疑点 {count} 项（记入审核记录）。</source>
        <translation>{count} point(s) checked (written in the audit record).</translation>
    </message>
    <message>
        <source>选择“其他”时请写明不予给付的具体理由。</source>
        <translation>With “Other”, please write the reason for the refusal.</translation>
    </message>
    <message>
        <source>理赔 {number}（{name}）不予给付？
理由：{reason}</source>
        <translation>Refuse claim {number} ({name})?
Reason: {reason}</translation>
    </message>
    <message>
        <source>说明：{note}</source>
        <translation>Explanation: {note}</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>已核准 {number}，给付 {amount}。</source>
        <translation>Claim {number} approved: {amount} to pay.</translation>
    </message>
    <message>
        <source>已决定 {number} 不予给付。</source>
        <translation>Claim {number} refused.</translation>
    </message>
    <message>
        <source>通知书没有生成：{reason}。可在理赔记录中补打。</source>
        <translation>The notice was not made: {reason}. It can be printed again from the claim.</translation>
    </message>
    <message>
        <source>审核没有保存，数据未改动。</source>
        <translation>The decision was not saved; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>ClosingDayDialog</name>
    <message>
        <source>停止参保日：{code}</source>
        <translation>Enrollment closing date: {code}</translation>
    </message>
    <message>
        <source>停止参保日之后，本计划不再办理新参保（单个参保和名册导入），续保不受影响。观察期 {days} 天：{day} 以后首次参保的人，整个保障期都在观察期内。</source>
        <translation>After the enrollment closing date, this plan accepts no new enrollments (single enrollment or roster import); renewals are unaffected. Waiting period {days} days: anyone enrolling for the first time after {day} will spend their entire coverage period in the waiting period.</translation>
    </message>
    <message>
        <source>设置停止参保日(&amp;S)</source>
        <translation>&amp;Set enrollment closing date</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>指定名册的列</source>
        <translation>Choose the roster columns</translation>
    </message>
    <message>
        <source>有的列名没有认出来。请为每一项选择名册中对应的列（姓名和身份证号码必须指定），不需要的选“不导入”。</source>
        <translation>Some column headers were not recognised. Choose the roster column for each item (name and ID number are required); choose “Do not import” for what is not needed.</translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(Do not import)</translation>
    </message>
    <message>
        <source>第{number}列：{header}</source>
        <translation>Column {number}: {header}</translation>
    </message>
    <message>
        <source>（无列名）</source>
        <translation>(no header)</translation>
    </message>
    <message>
        <source>（如 {example}）</source>
        <translation> (e.g. {example})</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请指定：{fields}</source>
        <translation>Please choose: {fields}</translation>
    </message>
    <message>
        <source>同一列不能对应两项，请检查。</source>
        <translation>One column cannot be used for two items; please check.</translation>
    </message>
</context>
<context>
    <name>ConfirmingSteps</name>
    <message>
        <source>请先取消勾选不续保（离开）的人员，再选中他们填写离开原因。</source>
        <translation>First untick the people not renewing (leaving), then select them and enter a reason for leaving.</translation>
    </message>
    <message>
        <source>离职/调出</source>
        <translation>Resigned / transferred out</translation>
    </message>
    <message>
        <source>没有办理：离开人员需要填写离开原因。</source>
        <translation>Not processed: leavers need a reason for leaving.</translation>
    </message>
    <message>
        <source>已为 {count} 名离开人员填写原因：{reason}。</source>
        <translation>Reason entered for {count} leavers: {reason}.</translation>
    </message>
    <message>
        <source>没有办理，数据没有改动；可以继续修改名单。</source>
        <translation>Nothing was done and no data was changed; you can keep editing the list.</translation>
    </message>
    <message>
        <source>正在办理续保…</source>
        <translation>Processing renewal…</translation>
    </message>
    <message>
        <source>已登记离开 {left} 人，没有需要缴费的人员。</source>
        <translation>{left} leavers recorded; no one needs to pay.</translation>
    </message>
    <message>
        <source>已办理续保：续保 {kept} 人，新增 {joined} 人，离开 {left} 人；待缴费 {amount}。请收款。</source>
        <translation>Renewal done: {kept} renewed, {joined} added, {left} left; {amount} due. Please collect payment.</translation>
    </message>
    <message>
        <source>已撤销 {name} 的离开登记；如需续保，请勾选后确认续保。</source>
        <translation>Leaving registration for {name} withdrawn; to renew, tick them and confirm renewal.</translation>
    </message>
</context>
<context>
    <name>CorrectIdDialog</name>
    <message>
        <source>更正身份证号码</source>
        <translation>Correct the ID number</translation>
    </message>
    <message>
        <source>如：录入时抄错一位，已核对身份证原件</source>
        <translation>e.g. one digit mistyped; checked against the ID card</translation>
    </message>
    <message>
        <source>出生日期和性别将按新号码自动更正。此操作记入审计日志。</source>
        <translation>Birth date and sex follow the new number. This is recorded in the audit log.</translation>
    </message>
    <message>
        <source>会员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>新号码(&amp;N)：</source>
        <translation>&amp;New number:</translation>
    </message>
    <message>
        <source>更正原因(&amp;R)：</source>
        <translation>&amp;Reason:</translation>
    </message>
</context>
<context>
    <name>CounterInfoPage</name>
    <message>
        <source>单位名称</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <source>柜台地址</source>
        <translation>Counter address</translation>
    </message>
    <message>
        <source>咨询电话</source>
        <translation>Enquiry phone</translation>
    </message>
    <message>
        <source>如 周一至周五 8:30-12:00，14:30-17:30</source>
        <translation>e.g. Mon–Fri 8:30-12:00, 14:30-17:30</translation>
    </message>
    <message>
        <source>办公时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>空着时印：{text}</source>
        <translation>Printed when empty: {text}</translation>
    </message>
    <message>
        <source>未填写时，温馨提示和续保提示单上印「{text}」，打印前会提醒。</source>
        <translation>If left blank, the notice and renewal reminders will print “{text}”; you will be reminded before printing.</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>补交材料期限</source>
        <translation>Deadline for missing papers</translation>
    </message>
    <message>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>审核办结时限</source>
        <translation>Time to decide a claim</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>柜台信息由主管或管理员修改。</source>
        <translation>The counter information is changed by a supervisor or an administrator.</translation>
    </message>
    <message>
        <source>读取柜台信息时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the counter information.</translation>
    </message>
    <message>
        <source>已保存。回执、告知单、温馨提示和续保提示单上将印出这些信息。</source>
        <translation>Saved. This information will be printed on acknowledgments, notices, friendly reminders and renewal reminders.</translation>
    </message>
    <message>
        <source>保存没有成功，数据未改动。</source>
        <translation>Not saved; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>CounterSession</name>
    <message>
        <source>注销/切换用户</source>
        <translation>Log out / switch user</translation>
    </message>
    <message>
        <source>还有正在办理的业务没有完成（后台操作或未保存的录入）。
注销会等后台操作做完，未保存的录入会丢失。仍要注销吗？</source>
        <translation>Some work is not finished yet (an operation in the background or input not saved).
Logging out waits for the background operation to finish; input not saved is lost. Log out anyway?</translation>
    </message>
</context>
<context>
    <name>DraftModel</name>
    <message>
        <source>离开（已登记）</source>
        <translation>Leaving (recorded)</translation>
    </message>
    <message>
        <source>续保（撤销离开登记）</source>
        <translation>Renew (the leaver record is withdrawn)</translation>
    </message>
    <message>
        <source>已登记为离开（原因：{reason}）。勾选并确认续保即为其续保，离开登记随之撤销。</source>
        <translation>Recorded as leaving (reason: {reason}). Tick and confirm to renew them; the leaver record is then withdrawn.</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>续保</source>
        <translation>Renew</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>明年应缴</source>
        <translation>Due next year</translation>
    </message>
    <message>
        <source>去年保障至</source>
        <translation>Covered until</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>离开原因</source>
        <translation>Reason for leaving</translation>
    </message>
    <message>
        <source>录入</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>名册第 {row} 行</source>
        <translation>Roster row {row}</translation>
    </message>
    <message>
        <source>从 {unit} 转入（{where}）</source>
        <translation>Transferred from {unit} ({where})</translation>
    </message>
    <message>
        <source>新增（{where}）</source>
        <translation>New ({where})</translation>
    </message>
    <message>
        <source>不加入（{what}）</source>
        <translation>Not added ({what})</translation>
    </message>
    <message>
        <source>已参保，已缴费</source>
        <translation>Enrolled, paid</translation>
    </message>
    <message>
        <source>已登记，待缴费</source>
        <translation>Enrolled, payment due</translation>
    </message>
    <message>
        <source>不能续保：届时 {age} 周岁，不符合年龄条件</source>
        <translation>Cannot renew: {age} when the cover starts, outside the age limits</translation>
    </message>
    <message>
        <source>离开（已调往 {unit}）</source>
        <translation>Leaving (moved to {unit})</translation>
    </message>
    <message>
        <source>离开</source>
        <translation>Leaving</translation>
    </message>
    <message>
        <source>（现属 {unit}，续保后转入本单位）</source>
        <translation> (now with {unit}; moves to this unit when renewed)</translation>
    </message>
    <message>
        <source>（已过宽限期，将有观察期）</source>
        <translation> (past the grace days: a waiting period applies)</translation>
    </message>
    <message>
        <source>（在 {unit}）</source>
        <translation> (with {unit})</translation>
    </message>
</context>
<context>
    <name>DuePersonsModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
</context>
<context>
    <name>EnrollmentPage</name>
    <message>
        <source>参保登记</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>导入名册…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <source>导入单位交来的职工名册（.xlsx、.xls、.csv）</source>
        <translation>Import a unit’s staff roster (.xlsx, .xls, .csv)</translation>
    </message>
    <message>
        <source>输入或扫描身份证号码，按回车</source>
        <translation>Type or scan the ID number, then press Enter</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <source>输入单位名称或代码查找</source>
        <translation>Type part of the unit’s name or code</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source> 份</source>
        <translation> share(s)</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>应缴互助金</source>
        <translation>Premium due</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Receive payment</translation>
    </message>
    <message>
        <source>收取下表中待缴费人员的互助金</source>
        <translation>Receive the premiums of the people listed below who have not paid</translation>
    </message>
    <message>
        <source>本次办理（待缴费）</source>
        <translation>Enrolled now (payment pending)</translation>
    </message>
    <message>
        <source>没有可参保的计划：请先在“计划”中添加本年度计划。</source>
        <translation>No plan is open for enrollment: add this year’s plan under “Plans” first.</translation>
    </message>
    <message>
        <source>{amount}（每份 {per_share}）</source>
        <translation>{amount} ({per_share} a share)</translation>
    </message>
    <message>
        <source>首次参保（或断保）的人参加本计划，需由您确认后办理。</source>
        <translation>Enrolling first-time (or lapsed) members in this plan requires your confirmation.</translation>
    </message>
    <message>
        <source>经办人不能为首次参保（或断保）的人办理本计划，请选择下一年度的计划或请主管办理。</source>
        <translation>Clerks cannot enroll first-time (or lapsed) members in this plan. Choose next year&apos;s plan or ask a supervisor.</translation>
    </message>
    <message>
        <source>请选择单位（可输入单位名称查找）。</source>
        <translation>Please choose the unit (type part of its name to find it).</translation>
    </message>
    <message>
        <source>请选择计划。</source>
        <translation>Please choose the plan.</translation>
    </message>
    <message>
        <source>已保存：{name} 参保 {plan}，待缴费 {amount}。</source>
        <translation>Saved: {name} enrolled in {plan}, {amount} to pay.</translation>
    </message>
    <message>
        <source>保障期全部在观察期内</source>
        <translation>Entire coverage period falls within the waiting period</translation>
    </message>
    <message>
        <source>请先向参保人（缴款人）说明；也可以改为参加下一年度的计划。</source>
        <translation>Please explain this to the insured person (payer) first; alternatively, enroll them in next year&apos;s plan.</translation>
    </message>
    <message>
        <source>已说明，仍然参保</source>
        <translation>Explained; enroll anyway</translation>
    </message>
    <message>
        <source>不参保</source>
        <translation>Not enrolled</translation>
    </message>
    <message>
        <source>没有保存：保障期全部在观察期内，未办理参保。</source>
        <translation>Not saved: the whole coverage period falls within the waiting period, so no enrollment was made.</translation>
    </message>
    <message>
        <source>保存时出现意外错误，数据没有改动。</source>
        <translation>An unexpected error occurred while saving; nothing was changed.</translation>
    </message>
    <message>
        <source>读取数据时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the data.</translation>
    </message>
    <message>
        <source>已收款。</source>
        <translation>Payment received.</translation>
    </message>
</context>
<context>
    <name>ExportCopyDialog</name>
    <message>
        <source>再次导出银行文件（副本）</source>
        <translation>Export the bank file again (copy)</translation>
    </message>
    <message>
        <source>批次 {batch} 的银行文件已导出过 {count} 次。同一批次的文件再交银行会重复付款：再次导出的文件标明“副本”（批次号不变），并记入审核记录。请写明原因（如：原文件丢失，未交银行）。</source>
        <translation>The bank file of batch {batch} was exported {count} time(s) already. Handing a batch&apos;s file to the bank twice pays twice: the file exported again is marked 副本 (copy), with the same batch number, and recorded in the audit log. Give the reason (e.g. the original file was lost and never reached the bank).</translation>
    </message>
    <message>
        <source>必填：为什么要再次导出</source>
        <translation>Required: why export it again</translation>
    </message>
    <message>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>导出副本</source>
        <translation>Export copy</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FaultReporter</name>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>程序内部出现了错误（不是您的操作造成的），刚才的操作可能没有完成，请核对后再试。</source>
        <translation>The program ran into an internal error (not caused by what you did). The last operation may not have been completed; please check and try again.</translation>
    </message>
    <message>
        <source>如果再次出现，请联系技术支持人员，并提供日志文件：
{path}</source>
        <translation>If it happens again, please contact technical support and give them the log file:
{path}</translation>
    </message>
    <message>
        <source>详细情况没能写入日志（磁盘可能已满或不可写）。</source>
        <translation>The details could not be written to the log (the disk may be full or read-only).</translation>
    </message>
</context>
<context>
    <name>GoodRowsModel</name>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Birth date</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>新会员</source>
        <translation>new member</translation>
    </message>
    <message>
        <source>已有会员</source>
        <translation>member on file</translation>
    </message>
</context>
<context>
    <name>HandedFilesModel</name>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>县区写出</source>
        <translation>Written by the county</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>已被新版本替换（保留）</source>
        <translation>Replaced by a newer version (kept)</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>In force</translation>
    </message>
</context>
<context>
    <name>HandinPage</name>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取（F5）</source>
        <translation>Read again (F5)</translation>
    </message>
    <message>
        <source>交账</source>
        <translation>Hand-in</translation>
    </message>
    <message>
        <source>本数据库的单位树中还没有县区工会，无从交账。请先在 设置 → 单位 中建立县区。</source>
        <translation>This database&apos;s union tree has no county union yet, so there is nothing to hand in. Create the county under Settings → Units first.</translation>
    </message>
    <message>
        <source>本柜台交账</source>
        <translation>This counter&apos;s hand-in</translation>
    </message>
    <message>
        <source>本柜台交账公钥指纹：</source>
        <translation>This counter&apos;s hand-in key fingerprint:</translation>
    </message>
    <message>
        <source>导出公钥文件(&amp;K)…</source>
        <translation>Export public &amp;key file…</translation>
    </message>
    <message>
        <source>已月结的月份(&amp;M)：</source>
        <translation>Closed &amp;month:</translation>
    </message>
    <message>
        <source>导出交账文件(&amp;X)…</source>
        <translation>E&amp;xport hand-in file…</translation>
    </message>
    <message>
        <source>各县区交账情况</source>
        <translation>Counties&apos; hand-ins</translation>
    </message>
    <message>
        <source>导入交账文件(&amp;I)…</source>
        <translation>&amp;Import hand-in file…</translation>
    </message>
    <message>
        <source>登记县区公钥(&amp;G)…</source>
        <translation>Re&amp;gister a county&apos;s key…</translation>
    </message>
    <message>
        <source>双击或按回车查看一个县区的交账记录（含被替换的旧版本）。</source>
        <translation>Double-click or press Enter to see a county&apos;s hand-in files (replaced versions included).</translation>
    </message>
    <message>
        <source>交账情况没有读出来（意外错误），数据没有改动。请按“刷新”再试。</source>
        <translation>The hand-ins could not be read (unexpected error); nothing was changed. Press “Refresh” to try again.</translation>
    </message>
    <message>
        <source>本柜台交账：{name}（{code}）</source>
        <translation>This counter hands in for: {name} ({code})</translation>
    </message>
    <message>
        <source>本柜台还没有交账密钥：导出公钥文件或第一次导出交账文件时生成。</source>
        <translation>This counter has no hand-in key yet: it is made when the public key file or the first hand-in file is exported.</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>（已导出第 {version} 版）</source>
        <translation> (version {version} exported)</translation>
    </message>
    <message>
        <source>还没有月结的月份（统计 → 月结）</source>
        <translation>No month closed yet (Statistics → month closing)</translation>
    </message>
    <message>
        <source>{year}年{month}月 第 {version} 版，序号 {sequence}，{when} {who}</source>
        <translation>{month}/{year} version {version}, sequence {sequence}, {when} {who}</translation>
    </message>
    <message>
        <source>已导出的交账文件：
{lines}</source>
        <translation>Hand-in files exported:
{lines}</translation>
    </message>
    <message>
        <source>还没有导出过交账文件。</source>
        <translation>No hand-in file exported yet.</translation>
    </message>
    <message>
        <source>{year}年{month}月的交账应在 {day} 前交来。</source>
        <translation>The hand-in of {month}/{year} is due by {day}.</translation>
    </message>
    <message>
        <source>还没有县区交账：先用“登记县区公钥”登记县区交来的公钥，再导入它的交账文件。</source>
        <translation>No county hands in yet: register the public key a county sent with “Register a county&apos;s key”, then import its hand-in files.</translation>
    </message>
    <message>
        <source>导出交账公钥</source>
        <translation>Export the hand-in public key</translation>
    </message>
    <message>
        <source>公钥文件 (*.txt)</source>
        <translation>Public key files (*.txt)</translation>
    </message>
    <message>
        <source>正在导出公钥…</source>
        <translation>Exporting the public key…</translation>
    </message>
    <message>
        <source>公钥已保存，请把文件交给市总工会登记，并在电话中与对方核对指纹 {fingerprint}。</source>
        <translation>Public key saved. Give the file to the city union to register it, and compare the fingerprint {fingerprint} with them by phone.</translation>
    </message>
    <message>
        <source>导出{year}年{month}月的交账文件</source>
        <translation>Export the hand-in file of {month}/{year}</translation>
    </message>
    <message>
        <source>交账文件 (*.json)</source>
        <translation>Hand-in files (*.json)</translation>
    </message>
    <message>
        <source>正在导出交账文件…</source>
        <translation>Exporting the hand-in file…</translation>
    </message>
    <message>
        <source>已导出{name}{year}年{month}月的交账文件：第 {version} 版，序号 {sequence}，保存在 {path}。</source>
        <translation>Exported the hand-in file of {name} for {month}/{year}: version {version}, sequence {sequence}, saved to {path}.</translation>
    </message>
    <message>
        <source>（这次月结已导出过，写出的是同一个文件。）</source>
        <translation> (This closing was exported before: the same file was written again.)</translation>
    </message>
    <message>
        <source>本机第一次交账，已生成交账密钥：请导出公钥文件交市总工会登记。</source>
        <translation> This computer&apos;s first hand-in: its hand-in key was made. Export the public key file and give it to the city union to register.</translation>
    </message>
    <message>
        <source>导入县区交账文件</source>
        <translation>Import a county&apos;s hand-in file</translation>
    </message>
    <message>
        <source>交账文件 (*.json);;所有文件 (*)</source>
        <translation>Hand-in files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>正在登记公钥…</source>
        <translation>Registering the public key…</translation>
    </message>
    <message>
        <source>{name}（{code}）已登记这把公钥，没有改动。</source>
        <translation>{name} ({code}) already has this key registered; nothing changed.</translation>
    </message>
    <message>
        <source>已登记{name}（{code}）的交账公钥，指纹 {fingerprint}。</source>
        <translation>Registered the hand-in key of {name} ({code}), fingerprint {fingerprint}.</translation>
    </message>
    <message>
        <source>没有完成（意外错误），数据没有改动。请再试一次。</source>
        <translation>Not done (unexpected error); nothing was changed. Please try again.</translation>
    </message>
</context>
<context>
    <name>HandinStatusModel</name>
    <message>
        <source>县区</source>
        <translation>County</translation>
    </message>
    <message>
        <source>最近交账月份</source>
        <translation>Last handed in</translation>
    </message>
    <message>
        <source>版本 / 序号</source>
        <translation>Version / sequence</translation>
    </message>
    <message>
        <source>导入时间</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>应交月份 · 情况</source>
        <translation>Month due · state</translation>
    </message>
    <message>
        <source>缺的序号</source>
        <translation>Gaps</translation>
    </message>
    <message>
        <source>登记的公钥指纹</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>late</translation>
    </message>
    <message>
        <source>未交</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>not yet due</translation>
    </message>
    <message>
        <source>{year}年{month}月：{state}</source>
        <translation>{month}/{year}: {state}</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>还没有交账</source>
        <translation>Nothing handed in yet</translation>
    </message>
    <message>
        <source>第 {version} 版 / {sequence}</source>
        <translation>version {version} / {sequence}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation>not registered</translation>
    </message>
    <message>
        <source>应在 {day} 前交来</source>
        <translation>Due by {day}</translation>
    </message>
</context>
<context>
    <name>HandinWindow</name>
    <message>
        <source>统计 → 交账</source>
        <translation>Statistics → Hand-in</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>{county} 交账记录</source>
        <translation>{county}: hand-in files</translation>
    </message>
    <message>
        <source>缺序号 {gaps}：请向县区核对是否有文件没有交来。</source>
        <translation>Sequence numbers missing: {gaps}. Check with the county whether a file was not handed in.</translation>
    </message>
    <message>
        <source>序号连续，没有缺的文件。</source>
        <translation>The sequence has no gaps: no file is missing.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>互助保障柜台</source>
        <translation>Mutual-Aid Counter</translation>
    </message>
    <message>
        <source>尚未设置单位名称</source>
        <translation>The organisation name has not been set yet</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取首页数字（F5）</source>
        <translation>Read the figures again (F5)</translation>
    </message>
    <message>
        <source>会员人数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>有效保障</source>
        <translation>Active covers</translation>
    </message>
    <message>
        <source>待审核理赔</source>
        <translation>Claims awaiting review</translation>
    </message>
    <message>
        <source>今日收据</source>
        <translation>Today&apos;s receipts</translation>
    </message>
    <message>
        <source>正在读取数据…</source>
        <translation>Reading the figures…</translation>
    </message>
    <message>
        <source>参保金额（万元）</source>
        <translation>Premiums (10,000 yuan)</translation>
    </message>
    <message>
        <source>理赔金额（万元）</source>
        <translation>Paid (10,000 yuan)</translation>
    </message>
    <message>
        <source>理赔率（%）</source>
        <translation>Claim ratio (%)</translation>
    </message>
    <message>
        <source>{n}月</source>
        <translation>M{n}</translation>
    </message>
    <message>
        <source>读取统计数字时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the statistics.</translation>
    </message>
    <message>
        <source>全市业绩未能读取：{reason}
请按“刷新”重试。</source>
        <translation>The city&apos;s figures could not be read: {reason}
Press &quot;Refresh&quot; to try again.</translation>
    </message>
    <message>
        <source>读取数据时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the figures.</translation>
    </message>
    <message>
        <source>首页数字未能读取：{reason}
请按“刷新”重试。</source>
        <translation>The figures could not be read: {reason}
Press “Refresh” to try again.</translation>
    </message>
    <message>
        <source>名在册会员</source>
        <translation>registered members</translation>
    </message>
    <message>
        <source>份保障今日有效</source>
        <translation>covers in force today</translation>
    </message>
    <message>
        <source>件等待审核</source>
        <translation>claims in the queue</translation>
    </message>
    <message>
        <source>{count} 张</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>合计 {amount}</source>
        <translation>Total {amount}</translation>
    </message>
    <message>
        <source>数据更新于 {time}</source>
        <translation>Figures as of {time}</translation>
    </message>
</context>
<context>
    <name>HospitalDialog</name>
    <message>
        <source>修改医院</source>
        <translation>Edit hospital</translation>
    </message>
    <message>
        <source>新增医院</source>
        <translation>Add hospital</translation>
    </message>
    <message>
        <source>医院名称</source>
        <translation>Hospital name</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>未定级</source>
        <translation>Ungraded</translation>
    </message>
    <message>
        <source>医院等级</source>
        <translation>Hospital grade</translation>
    </message>
    <message>
        <source>县区代码</source>
        <translation>County code</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HospitalsModel</name>
    <message>
        <source>医院名称</source>
        <translation>Hospital name</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>县区代码</source>
        <translation>County code</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>未定级</source>
        <translation>Ungraded</translation>
    </message>
    <message>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
</context>
<context>
    <name>HospitalsPage</name>
    <message>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>读取医院列表时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the hospitals.</translation>
    </message>
    <message>
        <source>保存没有成功，数据未改动。</source>
        <translation>Not saved; nothing was changed.</translation>
    </message>
    <message>
        <source>已保存：{name}</source>
        <translation>Saved: {name}</translation>
    </message>
    <message>
        <source>已启用：{name}</source>
        <translation>Reactivated: {name}</translation>
    </message>
    <message>
        <source>已停用：{name}（受理时不再列出）</source>
        <translation>Deactivated: {name} (no longer offered at intake)</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>输入或扫描身份证号码，按回车</source>
        <translation>Type or scan the ID number, then press Enter</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>保障</source>
        <translation>Cover</translation>
    </message>
    <message>
        <source>输入医院名称查找</source>
        <translation>Type part of the hospital name</translation>
    </message>
    <message>
        <source>新增医院…</source>
        <translation>Add hospital…</translation>
    </message>
    <message>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>如 {day}</source>
        <translation>e.g. {day}</translation>
    </message>
    <message>
        <source>入院日期</source>
        <translation>Admission date</translation>
    </message>
    <message>
        <source>出院日期</source>
        <translation>Discharge date</translation>
    </message>
    <message>
        <source>出院小结上的出院诊断</source>
        <translation>Discharge diagnosis from the discharge summary</translation>
    </message>
    <message>
        <source>诊断</source>
        <translation>Diagnosis</translation>
    </message>
    <message>
        <source>确诊疾病</source>
        <translation>Disease diagnosed</translation>
    </message>
    <message>
        <source>诊断证明书上的日期，如 {day}</source>
        <translation>The date on the diagnosis certificate, e.g. {day}</translation>
    </message>
    <message>
        <source>确诊日期</source>
        <translation>Diagnosis date</translation>
    </message>
    <message>
        <source>住院发票号码</source>
        <translation>Hospital invoice number</translation>
    </message>
    <message>
        <source>发票号码</source>
        <translation>Invoice number</translation>
    </message>
    <message>
        <source>结算单：医疗费用总额</source>
        <translation>Settlement sheet: total medical cost</translation>
    </message>
    <message>
        <source>医疗总费用</source>
        <translation>Total cost</translation>
    </message>
    <message>
        <source>结算单：统筹基金支付</source>
        <translation>Settlement sheet: paid by the pooled fund</translation>
    </message>
    <message>
        <source>医保统筹支付</source>
        <translation>Paid by insurance fund</translation>
    </message>
    <message>
        <source>结算单：政策范围内个人自付</source>
        <translation>Settlement sheet: in-scope personal share</translation>
    </message>
    <message>
        <source>政策内自付</source>
        <translation>In-scope self-pay</translation>
    </message>
    <message>
        <source>结算单：政策范围外个人自费</source>
        <translation>Settlement sheet: out-of-scope personal cost</translation>
    </message>
    <message>
        <source>政策外自费</source>
        <translation>Out-of-scope self-pay</translation>
    </message>
    <message>
        <source>收到材料</source>
        <translation>Papers received</translation>
    </message>
    <message>
        <source>如 中国农业银行商洛分行</source>
        <translation>e.g. Agricultural Bank of China, Shangluo branch</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>会员本人；会员身故的填受益人</source>
        <translation>The member; for a deceased member, the beneficiary</translation>
    </message>
    <message>
        <source>账户户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>银行卡号</source>
        <translation>Bank card number</translation>
    </message>
    <message>
        <source>银行账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>仅会员身故时填写：受益人与会员关系、死亡证明</source>
        <translation>Only for a deceased member: the beneficiary&apos;s relation, death certificate</translation>
    </message>
    <message>
        <source>受益人说明</source>
        <translation>Beneficiary note</translation>
    </message>
</context>
<context>
    <name>IntakeQuote</name>
    <message>
        <source>核算时出现意外错误。</source>
        <translation>An unexpected error occurred in the quote.</translation>
    </message>
    <message>
        <source>输入身份证号码后开始核算。</source>
        <translation>The quote starts once the ID number is entered.</translation>
    </message>
    <message>
        <source>尚缺：{items}
保存后为“待补材料”，回执上写明补交期限。</source>
        <translation>Missing: {items}
Saved as “waiting for papers”; the receipt gives the deadline.</translation>
    </message>
    <message>
        <source>材料齐全：保存后进入审核。</source>
        <translation>Papers complete: saved for review.</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>理赔编号</source>
        <translation>Claim number</translation>
    </message>
    <message>
        <source>户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>开户行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason returned</translation>
    </message>
    <message>
        <source>待银行确认</source>
        <translation>Awaiting bank</translation>
    </message>
    <message>
        <source>已给付</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>银行退回</source>
        <translation>Returned by bank</translation>
    </message>
</context>
<context>
    <name>JoinerBadRowsDialog</name>
    <message>
        <source>名册中未添加的行</source>
        <translation>Roster rows not added</translation>
    </message>
    <message>
        <source>{file}：以下 {count} 行有问题，没有添加。请单位按原因改正后再交来。</source>
        <translation>{file}: the {count} rows below have problems and were not added. Ask the unit to correct them as the reasons say and bring them again.</translation>
    </message>
    <message>
        <source>保存问题行(&amp;S)…</source>
        <translation>&amp;Save problem rows…</translation>
    </message>
    <message>
        <source>把这些行连同原因存为 Excel 文件，交给单位改正</source>
        <translation>Save these rows with their reasons as an Excel file for the unit to correct</translation>
    </message>
    <message>
        <source>关闭(&amp;X)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>保存问题行</source>
        <translation>Save problem rows</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>问题行已保存到 {path}</source>
        <translation>Problem rows saved to {path}</translation>
    </message>
    <message>
        <source>保存时出现意外错误，没有写入文件。</source>
        <translation>An unexpected error occurred while saving; the file was not written.</translation>
    </message>
</context>
<context>
    <name>JoinerDialog</name>
    <message>
        <source>添加新增人员</source>
        <translation>Add a joiner</translation>
    </message>
    <message>
        <source>输入或扫描身份证号码</source>
        <translation>Type or scan the ID number</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source> 份</source>
        <translation> share(s)</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>新会员（此身份证号码未登记过）。</source>
        <translation>New member (this ID card number has not been registered before).</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>已登记会员：{name}，{sex}，{birth} 出生。</source>
        <translation>Registered member: {name}, {sex}, born {birth}.</translation>
    </message>
    <message>
        <source>现属 {unit}：加入本单位续保即从 {unit} 转入本单位。</source>
        <translation>Currently in {unit}: renewing with this unit transfers them from {unit} to this unit.</translation>
    </message>
</context>
<context>
    <name>JoiningSteps</name>
    <message>
        <source>请先选择单位和续保计划。</source>
        <translation>Select a unit and a renewal plan first.</translation>
    </message>
    <message>
        <source>{name} 在去年的名单中，已勾选续保。</source>
        <translation>{name} is on last year&apos;s list and is already checked for renewal.</translation>
    </message>
    <message>
        <source>{name}（{number}）已添加过，不要重复添加。</source>
        <translation>{name} ({number}) has already been added; do not add them again.</translation>
    </message>
    <message>
        <source>已添加新增人员：{name}。</source>
        <translation>New joiner added: {name}.</translation>
    </message>
    <message>
        <source>检查时出现意外错误。</source>
        <translation>An unexpected error occurred while checking.</translation>
    </message>
    <message>
        <source>选择新名册文件</source>
        <translation>Choose a new roster file</translation>
    </message>
    <message>
        <source>名册 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)</source>
        <translation>Rosters (*.xlsx *.xls *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>正在读取并检查名册…</source>
        <translation>Reading and checking the roster…</translation>
    </message>
    <message>
        <source>名册 {file}：共 {rows} 行，新增 {added} 人</source>
        <translation>Roster {file}: {rows} rows, {added} people added</translation>
    </message>
    <message>
        <source>；{count} 人在去年的名单中，已勾选续保</source>
        <translation>; {count} were on last year&apos;s list and have been ticked for renewal</translation>
    </message>
    <message>
        <source>；{count} 人已添加过，未重复添加</source>
        <translation>; {count} already added, not added again</translation>
    </message>
    <message>
        <source>；{count} 行有问题，没有添加（原因见列表）</source>
        <translation>; {count} rows had problems and were not added (see the list for reasons)</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
</context>
<context>
    <name>LeaverReasonDialog</name>
    <message>
        <source>离开原因</source>
        <translation>Reason for leaving</translation>
    </message>
    <message>
        <source>以下 {count} 人不续保（离开）。请选择离开原因，登记时一并记录：</source>
        <translation>The following {count} people will not renew (leaving). Choose a reason for leaving; it will be recorded along with them:</translation>
    </message>
    <message>
        <source>……另有 {count} 人</source>
        <translation>…and {count} more</translation>
    </message>
    <message>
        <source>请选择…</source>
        <translation>Please select…</translation>
    </message>
    <message>
        <source>原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>可不填；选“其他”时请写明原因</source>
        <translation>Optional; if you choose “Other”, please state the reason</translation>
    </message>
    <message>
        <source>说明(&amp;D)</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>确定(&amp;O)</source>
        <translation>&amp;OK</translation>
    </message>
    <message>
        <source>取消(&amp;C)</source>
        <translation>&amp;Cancel</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>互助保障柜台</source>
        <translation>Mutual-Aid Counter</translation>
    </message>
    <message>
        <source>登录用的名字，如 zhangsan</source>
        <translation>the name you log in with, e.g. zhangsan</translation>
    </message>
    <message>
        <source>如 张三</source>
        <translation>e.g. Zhang San</translation>
    </message>
    <message>
        <source>再输入一遍密码</source>
        <translation>the same password again</translation>
    </message>
    <message>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>确认密码：</source>
        <translation>Confirm password:</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>数据库：{location}</source>
        <translation>Database: {location}</translation>
    </message>
    <message>
        <source>首次使用</source>
        <translation>First use</translation>
    </message>
    <message>
        <source>首次使用：请创建系统管理员账号。
管理员以后可以为其他工作人员建立账号。</source>
        <translation>First use: please create the administrator account.
The administrator can add the other staff later.</translation>
    </message>
    <message>
        <source>至少 {count} 个字符</source>
        <translation>at least {count} characters</translation>
    </message>
    <message>
        <source>创建管理员并登录</source>
        <translation>Create administrator and log in</translation>
    </message>
    <message>
        <source>请输入用户名和密码</source>
        <translation>Please enter your user name and password</translation>
    </message>
    <message>
        <source>正在打开数据库，请稍候…</source>
        <translation>Opening the database, please wait…</translation>
    </message>
    <message>
        <source>请输入用户名。</source>
        <translation>Please enter your user name.</translation>
    </message>
    <message>
        <source>请输入密码。</source>
        <translation>Please enter your password.</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <source>登录时出现意外错误，请重试；如仍不行，请联系管理员。</source>
        <translation>An unexpected error occurred while logging in. Please try again; if it still fails, contact your administrator.</translation>
    </message>
    <message>
        <source>请填写管理员的用户名（登录时输入的名字）。</source>
        <translation>Please fill in the administrator&apos;s user name (the name typed when logging in).</translation>
    </message>
    <message>
        <source>用户名中不能有空格，请修改。</source>
        <translation>A user name cannot contain spaces; please change it.</translation>
    </message>
    <message>
        <source>请填写管理员的姓名，它会显示在窗口下方和打印的单据上。</source>
        <translation>Please fill in the administrator&apos;s full name; it is shown at the bottom of the window and on printed papers.</translation>
    </message>
    <message>
        <source>请设置密码。</source>
        <translation>Please choose a password.</translation>
    </message>
    <message>
        <source>密码至少需要 {count} 个字符，请重新输入。</source>
        <translation>A password needs at least {count} characters; please enter another one.</translation>
    </message>
    <message>
        <source>请再输入一遍密码。</source>
        <translation>Please enter the password a second time.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致，请重新输入。</source>
        <translation>The two passwords differ; please enter them again.</translation>
    </message>
    <message>
        <source>正在创建管理员…</source>
        <translation>Creating the administrator…</translation>
    </message>
    <message>
        <source>创建管理员时出现意外错误，请重试；如仍不行，请联系技术支持。</source>
        <translation>An unexpected error occurred while creating the administrator. Please try again; if it still fails, contact technical support.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>理赔受理</source>
        <translation>Claim intake</translation>
    </message>
    <message>
        <source>理赔审核</source>
        <translation>Claim review</translation>
    </message>
    <message>
        <source>给付</source>
        <translation>Payout</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>转到(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>参保</source>
        <translation>Enrollment</translation>
    </message>
    <message>
        <source>票据</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>续保</source>
        <translation>Renewal</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>互助保障柜台</source>
        <translation>Mutual-Aid Counter</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>立即备份(&amp;B)</source>
        <translation>&amp;Back Up Now</translation>
    </message>
    <message>
        <source>把数据库完整复制一份到备份文件夹</source>
        <translation>Copy the whole database into the backup folder</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>功能导航</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>当前用户：{name}（{role}）</source>
        <translation>User: {name} ({role})</translation>
    </message>
    <message>
        <source>数据库：{location}</source>
        <translation>Database: {location}</translation>
    </message>
    <message>
        <source>正在备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>备份完成：{path}</source>
        <translation>Backup done: {path}</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>Backup Done</translation>
    </message>
    <message>
        <source>数据库已备份到：
{path}

请定期把备份文件夹复制到U盘或其他电脑保存。</source>
        <translation>The database has been backed up to:
{path}

Copy the backup folder to a USB stick or another computer regularly.</translation>
    </message>
    <message>
        <source>备份时出现意外错误，数据库没有受到影响。请稍后再试，或联系技术支持。</source>
        <translation>An unexpected error occurred during the backup; the database was not affected. Please try again later, or contact technical support.</translation>
    </message>
    <message>
        <source>备份没有完成</source>
        <translation>Backup Not Done</translation>
    </message>
    <message>
        <source>正在后台检查数据完整性…</source>
        <translation>Checking the data in the background…</translation>
    </message>
    <message>
        <source>数据完整性检查完成，未发现问题。</source>
        <translation>Data check finished: no problems found.</translation>
    </message>
    <message>
        <source>数据完整性检查没有完成。</source>
        <translation>The data check did not finish.</translation>
    </message>
    <message>
        <source>关于互助保障柜台</source>
        <translation>About Mutual-Aid Counter</translation>
    </message>
    <message>
        <source>&lt;h3&gt;互助保障柜台 {version}&lt;/h3&gt;&lt;p&gt;职工互助保障（工会二次报销）柜台业务软件。&lt;/p&gt;&lt;p&gt;许可：Apache-2.0。内嵌字体：文泉驿微米黑（Apache-2.0）。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mutual-Aid Counter {version}&lt;/h3&gt;&lt;p&gt;Counter software for the trade-union mutual-aid health plan (second reimbursement).&lt;/p&gt;&lt;p&gt;Licence: Apache-2.0. Embedded font: WenQuanYi Micro Hei (Apache-2.0).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>注销/切换用户(&amp;L)</source>
        <translation>&amp;Log out / switch user</translation>
    </message>
    <message>
        <source>结束当前用户的工作，换一位工作人员登录</source>
        <translation>End the current user&apos;s session and let another member of staff log in</translation>
    </message>
</context>
<context>
    <name>ManyLeaversBox</name>
    <message>
        <source>登记离开</source>
        <translation>Record leavers</translation>
    </message>
    <message>
        <source>将一次登记 {count} 人离开（不续保）。
人数较多，请核对后再确认。</source>
        <translation>This will register {count} people as leaving (not renewing) at once.
That is a lot; please check before confirming.</translation>
    </message>
    <message>
        <source>登记 {count} 人离开(&amp;Y)</source>
        <translation>&amp;Record {count} people as leaving</translation>
    </message>
    <message>
        <source>返回(&amp;N)</source>
        <translation>&amp;Back</translation>
    </message>
</context>
<context>
    <name>MaterialsDialog</name>
    <message>
        <source>材料清单：{code}</source>
        <translation>Claim materials: {code}</translation>
    </message>
    <message>
        <source>理赔时要交的材料（受理时逐项勾选；必交的缺了，理赔等待补交）。“仅限诊断”填疾病名称，多个用 / 分开：只有这些诊断必须交。</source>
        <translation>The papers a claim needs (ticked one by one at intake; when a required one is missing, the claim waits for it). &quot;Only for diagnoses&quot;: disease names, separated by /; only those diagnoses must bring it.</translation>
    </message>
    <message>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>必须提交</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>仅限诊断</source>
        <translation>Only for diagnoses</translation>
    </message>
    <message>
        <source>增加一项</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <source>恢复默认</source>
        <translation>Restore default</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>必交</source>
        <translation>required</translation>
    </message>
    <message>
        <source>现在用的是默认清单。</source>
        <translation>The default list is in use.</translation>
    </message>
    <message>
        <source>本计划专用清单。</source>
        <translation>This plan&apos;s own list.</translation>
    </message>
</context>
<context>
    <name>MemberDetailView</name>
    <message>
        <source>返回结果</source>
        <translation>Back to results</translation>
    </message>
    <message>
        <source>回到查找结果（Esc）</source>
        <translation>Back to the search results (Esc)</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>更正身份证号(&amp;C)</source>
        <translation>&amp;Correct ID number</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>所在单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>参保记录</source>
        <translation>Covers</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>互助金</source>
        <translation>Premium</translation>
    </message>
    <message>
        <source>保障开始</source>
        <translation>Cover start</translation>
    </message>
    <message>
        <source>保障结束</source>
        <translation>Cover end</translation>
    </message>
    <message>
        <source>连续参保</source>
        <translation>Continuous</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>理赔记录</source>
        <translation>Claims</translation>
    </message>
    <message>
        <source>理赔编号</source>
        <translation>Claim number</translation>
    </message>
    <message>
        <source>住院/确诊日期</source>
        <translation>Admission/diagnosis</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>测算金额</source>
        <translation>Quoted</translation>
    </message>
    <message>
        <source>核准金额</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>{count}岁</source>
        <translation>{count} years</translation>
    </message>
    <message>
        <source>本期没有住院二次报销保障，无年度给付限额。</source>
        <translation>No reimbursement cover this period: no annual cap.</translation>
    </message>
    <message>
        <source>{plan}：年度给付限额 不限，本期已给付 {amount}</source>
        <translation>{plan}: annual cap unlimited, paid this period {amount}</translation>
    </message>
    <message>
        <source>{plan}：年度限额 {cap}，已用 {amount}，剩余 {left}</source>
        <translation>{plan}: annual cap {cap}, used {amount}, left {left}</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>MemberEditDialog</name>
    <message>
        <source>编辑会员资料</source>
        <translation>Edit member</translation>
    </message>
    <message>
        <source>基层工会代码</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>身份证号码：</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>姓名(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>联系电话(&amp;P)：</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>单位代码(&amp;U)：</source>
        <translation>&amp;Unit code:</translation>
    </message>
    <message>
        <source>工号(&amp;W)：</source>
        <translation>Employee no.:</translation>
    </message>
    <message>
        <source>备注(&amp;R)：</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>所在单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>保障状态</source>
        <translation>Cover</translation>
    </message>
    <message>
        <source>查找时出现意外错误。</source>
        <translation>The search failed unexpectedly.</translation>
    </message>
    <message>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>Female</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>会员</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>查找(&amp;S)：</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>身份证号码（全部、开头或后4-6位）、姓名或电话号码；可直接刷身份证</source>
        <translation>ID number (whole, start or last 4-6), name or phone; or scan the ID card</translation>
    </message>
    <message>
        <source>输入后自动查找。</source>
        <translation>Results appear as you type.</translation>
    </message>
    <message>
        <source>，向下滚动查看更多</source>
        <translation>, scroll down for more</translation>
    </message>
    <message>
        <source>没有找到与「{name}」相符的会员。</source>
        <translation>No member matches “{name}”.</translation>
    </message>
    <message>
        <source>找到 {count} 人{more}</source>
        <translation>{count} found{more}</translation>
    </message>
    <message>
        <source>没有身份证号码为 {name} 的会员。</source>
        <translation>No member has the ID number {name}.</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>读取会员资料时出现意外错误。</source>
        <translation>Reading the member failed unexpectedly.</translation>
    </message>
    <message>
        <source>保存时出现意外错误，资料没有改动。</source>
        <translation>Saving failed unexpectedly; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>迁移单位</source>
        <translation>Move unit</translation>
    </message>
    <message>
        <source>把「{name}」迁到：</source>
        <translation>Move “{name}” to:</translation>
    </message>
    <message>
        <source>该单位的会员随单位一起迁移。</source>
        <translation>The unit’s members move with it.</translation>
    </message>
    <message>
        <source>迁移</source>
        <translation>Move</translation>
    </message>
</context>
<context>
    <name>PaperPreviewDialog</name>
    <message>
        <source>预览：{name}</source>
        <translation>Preview: {name}</translation>
    </message>
    <message>
        <source>共 {count} 页</source>
        <translation>{count} page(s)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择打印机并打印全部页面（Ctrl+P）</source>
        <translation>Choose a printer and print every page (Ctrl+P)</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>打印没有成功</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>打印机无法开始打印。文件已保存在：
{path}</source>
        <translation>The printer could not start printing. The file is saved as:
{path}</translation>
    </message>
    <message>
        <source>打印中途出错。文件已保存在：
{path}</source>
        <translation>Printing stopped with an error. The file is saved as:
{path}</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>另存没有成功</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>无法保存到：
{path}
请换一个文件夹再试。</source>
        <translation>Cannot save to:
{path}
Try another folder.</translation>
    </message>
    <message>
        <source>文件已保存</source>
        <translation>File saved</translation>
    </message>
    <message>
        <source>这台电脑没有可以打开 PDF 的程序。文件已保存在：
{path}</source>
        <translation>No program on this computer can open PDF files. The file is saved as:
{path}</translation>
    </message>
    <message>
        <source>不再询问，直接打印到「{printer}」（Ctrl+P）</source>
        <translation>Prints straight to “{printer}” without asking (Ctrl+P)</translation>
    </message>
    <message>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>另存为(&amp;S)…</source>
        <translation>&amp;Save as…</translation>
    </message>
    <message>
        <source>用系统程序打开(&amp;O)</source>
        <translation>&amp;Open with system viewer</translation>
    </message>
    <message>
        <source>不再询问，直接打印到系统默认打印机（Ctrl+P）</source>
        <translation>Prints straight to the system’s default printer without asking (Ctrl+P)</translation>
    </message>
    <message>
        <source>系统默认打印机</source>
        <translation>the system’s default printer</translation>
    </message>
    <message>
        <source>打印时不询问，直接送到：{printer}</source>
        <translation>Prints without asking, straight to: {printer}</translation>
    </message>
    <message>
        <source>柜台信息未填写</source>
        <translation>Counter information not filled in</translation>
    </message>
    <message>
        <source>文件已保存在：
{path}</source>
        <translation>File saved to:
{path}</translation>
    </message>
    <message>
        <source>未打印：打印队列没有接受任务。</source>
        <translation>Not printed: the print queue did not accept the job.</translation>
    </message>
    <message>
        <source>无法写入：
{path}
请换一个文件夹再试。</source>
        <translation>Cannot write to:
{path}
Please try another folder.</translation>
    </message>
    <message>
        <source>没有打印机</source>
        <translation>No printer</translation>
    </message>
    <message>
        <source>这台电脑还没有安装打印机，无法打印。
请先在系统里添加打印机；也可以用「另存为…」保存 PDF，到有打印机的电脑上打印。
文件已保存在：
{path}</source>
        <translation>This computer has no printer installed, so nothing can be printed.
Add a printer in the system first, or use “Save as…” to save the PDF and print it on a computer with a printer.
The file is saved as:
{path}</translation>
    </message>
    <message>
        <source>没有打印机，未打印。</source>
        <translation>No printer: nothing was printed.</translation>
    </message>
    <message>
        <source>找不到设置的打印机「{printer}」，请在对话框里选择打印机。</source>
        <translation>The printer in the settings, “{printer}”, cannot be found: choose a printer in the dialog.</translation>
    </message>
    <message>
        <source>这台电脑没有默认打印机，请在对话框里选择打印机。</source>
        <translation>This computer has no default printer: choose a printer in the dialog.</translation>
    </message>
    <message>
        <source>已打印到：{printer}</source>
        <translation>Printed to: {printer}</translation>
    </message>
    <message>
        <source>已打印到 {printer}；如需再打一份，请在 票据 → 打印记录 中补打</source>
        <translation>Printed to {printer}. For another copy, use Reprint in Receipts → Print records</translation>
    </message>
    <message>
        <source>打印记录没有保存</source>
        <translation>Print not recorded</translation>
    </message>
    <message>
        <source>纸张已打印，但打印记录没有保存（意外错误）。请到「票据」里查看，必要时告诉管理员。</source>
        <translation>The paper was printed, but the print was not recorded (unexpected error). Check it under “Receipts” and tell the administrator if needed.</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在打印第 {n} 页，共 {count} 页…</source>
        <translation>Printing page {n} of {count}…</translation>
    </message>
    <message>
        <source>已取消打印。</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <source>打印任务没有送到打印机。文件已保存在：
{path}</source>
        <translation>The print job did not reach the printer. The file is saved as:
{path}</translation>
    </message>
</context>
<context>
    <name>PaperTextsPage</name>
    <message>
        <source>这是按尚未保存的文字生成的草稿，只供查看；保存后再预览即可打印。</source>
        <translation>This is a draft made from unsaved text, for viewing only; save, then preview again to print.</translation>
    </message>
    <message>
        <source>温馨提示（发给会员的保障说明）</source>
        <translation>Member leaflet (the plan explained to members)</translation>
    </message>
    <message>
        <source>开头问候语</source>
        <translation>Greeting</translation>
    </message>
    <message>
        <source>页脚说明</source>
        <translation>Footer</translation>
    </message>
    <message>
        <source>预览温馨提示…</source>
        <translation>Preview leaflet…</translation>
    </message>
    <message>
        <source>按计划预览</source>
        <translation>Preview for plan</translation>
    </message>
    <message>
        <source>续保提示单（发给各单位）</source>
        <translation>Renewal reminder (sent to the units)</translation>
    </message>
    <message>
        <source>缴费方式说明</source>
        <translation>How to pay</translation>
    </message>
    <message>
        <source>通报（每月各县区进展情况）</source>
        <translation>Bulletin (monthly progress of the counties)</translation>
    </message>
    <message>
        <source>结束语</source>
        <translation>Closing text</translation>
    </message>
    <message>
        <source>留空后保存，即恢复默认文字。换行和多余的空格不保留。</source>
        <translation>Save a text empty to restore the default. Line breaks and extra spaces are not kept.</translation>
    </message>
    <message>
        <source>柜台地址、咨询电话和办公时间也印在这些纸面上，它们在“柜台信息”一页修改，这里不重复。</source>
        <translation>The counter address, enquiry phone and opening hours are printed on these papers too; they are changed on the &quot;Counter information&quot; tab, not here.</translation>
    </message>
    <message>
        <source>转到柜台信息</source>
        <translation>Go to counter information</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>纸面文字由主管或管理员修改；您可以预览。</source>
        <translation>Paper texts are changed by a supervisor or administrator; you can preview.</translation>
    </message>
    <message>
        <source>（空：保存后恢复默认文字）</source>
        <translation>(empty: the default text after saving)</translation>
    </message>
    <message>
        <source>{count}/{limit} 字，超出 {over} 字，请缩短</source>
        <translation>{count}/{limit} characters, {over} too many: please shorten</translation>
    </message>
    <message>
        <source>{count}/{limit} 字</source>
        <translation>{count}/{limit} characters</translation>
    </message>
    <message>
        <source>还没有计划</source>
        <translation>No plans yet</translation>
    </message>
    <message>
        <source>读取纸面文字时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the paper texts.</translation>
    </message>
    <message>
        <source>没有修改。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>问候语</source>
        <translation>Greeting</translation>
    </message>
    <message>
        <source>通报结束语</source>
        <translation>Closing text of the bulletin</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>{name}留空，已恢复为默认文字。</source>
        <translation>{name}: left empty, restored to the default text.</translation>
    </message>
    <message>
        <source>保存没有成功，文字未改动。</source>
        <translation>Not saved; the texts are unchanged.</translation>
    </message>
    <message>
        <source>请先选一个计划。</source>
        <translation>Choose a plan first.</translation>
    </message>
    <message>
        <source>正在按编辑框里尚未保存的文字生成预览…</source>
        <translation>Generating a preview from the unsaved text in the edit boxes…</translation>
    </message>
    <message>
        <source>正在生成温馨提示…</source>
        <translation>Making the leaflet…</translation>
    </message>
    <message>
        <source>预览按编辑框里尚未保存的文字生成（草稿，不能打印，也不登记）；保存后再预览即可打印。</source>
        <translation>The preview is generated from the unsaved text in the edit boxes (draft: cannot be printed or recorded); save, then preview again to print.</translation>
    </message>
    <message>
        <source>没能生成温馨提示。</source>
        <translation>The leaflet could not be made.</translation>
    </message>
</context>
<context>
    <name>PapersDialog</name>
    <message>
        <source>补交材料</source>
        <translation>Missing papers</translation>
    </message>
    <message>
        <source>回执上的受理编号，按回车查找</source>
        <translation>The claim number on the receipt, then press Enter to look it up</translation>
    </message>
    <message>
        <source>受理编号</source>
        <translation>Claim number</translation>
    </message>
    <message>
        <source>本次补交</source>
        <translation>Brought now</translation>
    </message>
    <message>
        <source>开户银行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>账户户名</source>
        <translation>Account holder</translation>
    </message>
    <message>
        <source>银行账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>确认补交并打印回执</source>
        <translation>Record papers and print receipt</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入回执上的受理编号。</source>
        <translation>Type the claim number on the receipt.</translation>
    </message>
    <message>
        <source>查找理赔时出现意外错误。</source>
        <translation>An unexpected error occurred while finding the claim.</translation>
    </message>
    <message>
        <source>{name}（{id}），{received} 受理，补交期限 {due}；尚缺：{missing}</source>
        <translation>{name} ({id}), received {received}, papers due {due}; still missing: {missing}</translation>
    </message>
    <message>
        <source>{item}（如有）</source>
        <translation>{item} (if any)</translation>
    </message>
    <message>
        <source>补交没有成功，数据未改动。</source>
        <translation>Not recorded; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>新密码(&amp;P)：</source>
        <translation>New &amp;password:</translation>
    </message>
    <message>
        <source>确认新密码(&amp;C)：</source>
        <translation>&amp;Confirm new password:</translation>
    </message>
</context>
<context>
    <name>PayableModel</name>
    <message>
        <source>理赔编号</source>
        <translation>Claim number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>核定金额</source>
        <translation>Approved amount</translation>
    </message>
    <message>
        <source>开户行</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>（未登记账户）</source>
        <translation>(no account recorded)</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>收款</source>
        <translation>Receive payment</translation>
    </message>
    <message>
        <source>缴款人：</source>
        <translation>Payer:</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>转账</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>缴费方式：</source>
        <translation>Method:</translation>
    </message>
    <message>
        <source>转账时填写银行回单上的流水号，便于与银行对账</source>
        <translation>For bank transfers, enter the transaction number from the bank slip to help reconcile with the bank</translation>
    </message>
    <message>
        <source>银行流水号：</source>
        <translation>Bank transaction no.:</translation>
    </message>
    <message>
        <source>缴费日期：</source>
        <translation>Date paid:</translation>
    </message>
    <message>
        <source>输入实收金额，须与应缴金额一致</source>
        <translation>Type the amount received; it must equal the amount due</translation>
    </message>
    <message>
        <source>实收金额：</source>
        <translation>Amount received:</translation>
    </message>
    <message>
        <source>已向缴款人说明上述情况，缴款人仍要缴费</source>
        <translation>The payer has been told the above and still wants to pay</translation>
    </message>
    <message>
        <source>确认收款</source>
        <translation>Confirm payment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>只有转账才填写银行流水号</source>
        <translation>Bank transaction number is only needed for bank transfers</translation>
    </message>
    <message>
        <source>读取应缴金额时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the amount due.</translation>
    </message>
    <message>
        <source>无法收款</source>
        <translation>Payment not possible</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>个人</source>
        <translation>Individual</translation>
    </message>
    <message>
        <source>{plan}：{people} 人，{shares} 份，保障 {start} 至 {end}，{amount}</source>
        <translation>{plan}: {people} people, {shares} shares, cover {start} to {end}, {amount}</translation>
    </message>
    <message>
        <source>应缴金额：{amount}（{count} 人）</source>
        <translation>Amount due: {amount} ({count} people)</translation>
    </message>
    <message>
        <source>大写：{words}</source>
        <translation>In words: {words}</translation>
    </message>
    <message>
        <source>缴款人：{name}</source>
        <translation>Payer: {name}</translation>
    </message>
    <message>
        <source>请先向缴款人说明：保障期全部在观察期内；说明后勾选确认，再收款。</source>
        <translation>First tell the payer that the whole cover lies in the waiting period; tick the box once told, then take the money.</translation>
    </message>
    <message>
        <source>请输入实收金额。</source>
        <translation>Please type the amount received.</translation>
    </message>
    <message>
        <source>收款没有成功，数据未改动。</source>
        <translation>The payment was not recorded; nothing was changed.</translation>
    </message>
    <message>
        <source>收据</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>收款已记录（收据号 {serial}），但收据文件没有生成：{reason}
请在“票据”中补打。</source>
        <translation>The payment has been recorded (receipt {serial}), but the receipt file was not made: {reason}
Please reprint it under &quot;Receipts&quot;.</translation>
    </message>
    <message>
        <source>正在计算应缴金额…</source>
        <translation>Working out the amount due…</translation>
    </message>
    <message>
        <source>正在收款，请稍候…</source>
        <translation>Recording the payment, please wait…</translation>
    </message>
    <message>
        <source>已收款，收据号 {serial}。</source>
        <translation>Payment received, receipt {serial}.</translation>
    </message>
    <message>
        <source>正在收款，请稍候…收款完成前不能关闭此窗口。</source>
        <translation>Recording the payment, please wait… This window cannot be closed until the payment is recorded.</translation>
    </message>
</context>
<context>
    <name>PayoutPage</name>
    <message>
        <source>给付</source>
        <translation>Payout</translation>
    </message>
    <message>
        <source>待给付的理赔（已核准）</source>
        <translation>Claims waiting for payout (approved)</translation>
    </message>
    <message>
        <source>生成给付批次(&amp;G)</source>
        <translation>&amp;Generate payout batch</translation>
    </message>
    <message>
        <source>给付批次</source>
        <translation>Payout batches</translation>
    </message>
    <message>
        <source>导出银行文件(&amp;E)</source>
        <translation>&amp;Export bank file</translation>
    </message>
    <message>
        <source>打印给付清单(&amp;P)</source>
        <translation>&amp;Print batch list</translation>
    </message>
    <message>
        <source>银行回单确认(&amp;C)</source>
        <translation>&amp;Confirm bank receipt</translation>
    </message>
    <message>
        <source>批次明细</source>
        <translation>Batch rows</translation>
    </message>
    <message>
        <source>冲正(&amp;R)</source>
        <translation>&amp;Reverse</translation>
    </message>
    <message>
        <source>更正账户(&amp;A)</source>
        <translation>Correct &amp;account</translation>
    </message>
    <message>
        <source>打印理赔材料告知单(&amp;N)</source>
        <translation>Print claim documents &amp;notice</translation>
    </message>
    <message>
        <source>计划：</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <source>{count} 件待给付，合计 {total}</source>
        <translation>{count} claims waiting, total {total}</translation>
    </message>
    <message>
        <source>操作没有完成，请重试；如仍不行请联系管理员。</source>
        <translation>The operation did not complete. Try again; if it still fails, contact the administrator.</translation>
    </message>
    <message>
        <source>请先在“待给付的理赔”中选择理赔（Ctrl+A 全选）。</source>
        <translation>First select claims in “Claims waiting for payout” (Ctrl+A selects all).</translation>
    </message>
    <message>
        <source>已生成给付批次 {batch}：{count} 笔，合计 {total}。</source>
        <translation>Payout batch {batch} generated: {count} rows, total {total}.</translation>
    </message>
    <message>
        <source>请先选择一个给付批次。</source>
        <translation>First select a payout batch.</translation>
    </message>
    <message>
        <source>导出银行文件</source>
        <translation>Export bank file</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>导出副本…(&amp;E)</source>
        <translation>&amp;Export copy…</translation>
    </message>
    <message>
        <source>该批次已导出过 {count} 次：再次导出须由主管填写原因，文件标明“副本”。</source>
        <translation>This batch was exported {count} time(s): exporting it again needs a supervisor&apos;s reason, and the file is marked 副本 (copy).</translation>
    </message>
    <message>
        <source>批次 {batch} 的银行文件已导出过。</source>
        <translation>The bank file of batch {batch} was exported already. </translation>
    </message>
    <message>
        <source>请写明再次导出的原因。</source>
        <translation>Give the reason for exporting again.</translation>
    </message>
    <message>
        <source>没有选择保存位置，未导出。</source>
        <translation>No place to save was chosen: nothing exported.</translation>
    </message>
    <message>
        <source>（副本 {n}）</source>
        <translation> (copy {n})</translation>
    </message>
    <message>
        <source>已导出银行文件{copy} {path}：{count} 笔，合计 {total}。</source>
        <translation>Bank file exported{copy}: {path}: {count} payments, total {total}.</translation>
    </message>
    <message>
        <source>导出没有完成，请重试。</source>
        <translation>The export did not finish; please try again.</translation>
    </message>
    <message>
        <source>已生成给付清单 {path}</source>
        <translation>Batch list made: {path}</translation>
    </message>
    <message>
        <source>批次 {batch}：已给付 {paid} 笔（{total}），退回 {returned} 笔。</source>
        <translation>Batch {batch}: {paid} paid ({total}), {returned} returned.</translation>
    </message>
    <message>
        <source>确认没有完成，请重试。</source>
        <translation>Not confirmed; please try again.</translation>
    </message>
    <message>
        <source>请先在批次明细中选择一行。</source>
        <translation>First select a row in the batch rows.</translation>
    </message>
    <message>
        <source>只有已给付的理赔可以冲正。</source>
        <translation>Only a paid claim can be reversed.</translation>
    </message>
    <message>
        <source>理赔 {claim} 已冲正 {amount}。</source>
        <translation>Claim {claim} reversed: {amount}.</translation>
    </message>
    <message>
        <source>冲正没有完成，请重试。</source>
        <translation>Reversal not recorded; please try again.</translation>
    </message>
    <message>
        <source>只有银行退回的理赔需要更正账户。</source>
        <translation>Only a claim returned by the bank needs its account corrected.</translation>
    </message>
    <message>
        <source>理赔 {claim} 的账户已更正，重新等待给付。</source>
        <translation>Account of claim {claim} corrected; it waits for payout again.</translation>
    </message>
    <message>
        <source>保存没有完成，请重试。</source>
        <translation>Not saved; please try again.</translation>
    </message>
    <message>
        <source>请先选择计划。</source>
        <translation>First choose a plan.</translation>
    </message>
    <message>
        <source>已生成理赔材料告知单 {path}</source>
        <translation>Claim documents notice made: {path}</translation>
    </message>
</context>
<context>
    <name>PendingDialog</name>
    <message>
        <source>待缴费</source>
        <translation>Waiting for payment</translation>
    </message>
    <message>
        <source>选择要收款的单位和计划（按回车确认）：</source>
        <translation>Choose the unit and plan to receive payment for (Enter to confirm):</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Receive payment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>应缴金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <source>（个人参保）</source>
        <translation>(individual enrollment)</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>年初至今</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>全年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>按收付日期</source>
        <translation>By payment date</translation>
    </message>
    <message>
        <source>按计划年度</source>
        <translation>By plan year</translation>
    </message>
    <message>
        <source>按收付日期：本期收到的互助金和付出的给付；按计划年度：该年度计划的全部收付，不论哪天发生</source>
        <translation>By payment date: premiums received and payouts made in the period; by plan year: everything received and paid under that year&apos;s plans, whenever it happened</translation>
    </message>
    <message>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>期间(&amp;P)：</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>口径(&amp;B)：</source>
        <translation>&amp;Basis:</translation>
    </message>
    <message>
        <source>第{n}季度</source>
        <translation>Quarter {n}</translation>
    </message>
    <message>
        <source>{n}月</source>
        <translation>Month {n}</translation>
    </message>
    <message>
        <source>1—{n}月</source>
        <translation>Months 1–{n}</translation>
    </message>
</context>
<context>
    <name>PersonEntry</name>
    <message>
        <source>出生 {date}</source>
        <translation>born {date}</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>保障开始日 {date} 时 {age} 周岁</source>
        <translation>{age} years old on the cover start {date}</translation>
    </message>
    <message>
        <source>{age} 周岁</source>
        <translation>{age} years old</translation>
    </message>
    <message>
        <source>由15位号码升为18位</source>
        <translation>converted from a 15-digit number</translation>
    </message>
    <message>
        <source>不符合参保条件：本计划参保年龄为 {low}至{high} 周岁</source>
        <translation>Cannot enroll: this plan takes members aged {low} to {high}</translation>
    </message>
    <message>
        <source>已登记会员：{name}（{unit}）</source>
        <translation>Member on file: {name} ({unit})</translation>
    </message>
    <message>
        <source>无单位</source>
        <translation>No unit</translation>
    </message>
    <message>
        <source>该会员已参加本计划，不能重复参保。</source>
        <translation>This member is already covered by this plan and cannot be enrolled again.</translation>
    </message>
</context>
<context>
    <name>PlanEditorDialog</name>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>编辑过的计划文件还没有保存，确定放弃吗？</source>
        <translation>The edited plan file has not been saved. Discard it?</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>保存为新计划</source>
        <translation>Save as new plan</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>住院二次报销</source>
        <translation>Hospital reimbursement</translation>
    </message>
    <message>
        <source>定额给付</source>
        <translation>Lump sum</translation>
    </message>
    <message>
        <source>检查通过：{code} {name}，{kind}，每份 {amount}，{start} 至 {end}。</source>
        <translation>Check passed: {code} {name}, {kind}, {amount} per share, {start} to {end}.</translation>
    </message>
    <message>
        <source>保存没有成功，没有添加计划。</source>
        <translation>Saving failed; the plan was not added.</translation>
    </message>
    <message>
        <source>确认保存计划</source>
        <translation>Confirm saving plan</translation>
    </message>
    <message>
        <source>请核对计划 {code} 的规则。保存后不能修改（已参保和理赔都按它计算）。</source>
        <translation>Please check the rules of plan {code}. They cannot be changed after saving (enrollments and claims are calculated from them).</translation>
    </message>
    <message>
        <source>确认保存</source>
        <translation>Confirm and save</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Go back and edit</translation>
    </message>
    <message>
        <source>计划文件有误，未保存：{reason}</source>
        <translation>The plan file has an error; not saved: {reason}</translation>
    </message>
</context>
<context>
    <name>PlansModel</name>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>每份互助金</source>
        <translation>Premium per share</translation>
    </message>
    <message>
        <source>最多份数</source>
        <translation>Max shares</translation>
    </message>
    <message>
        <source>续保宽限</source>
        <translation>Renewal grace</translation>
    </message>
    <message>
        <source>观察期</source>
        <translation>Waiting period</translation>
    </message>
    <message>
        <source>最低参保率</source>
        <translation>Min. participation</translation>
    </message>
    <message>
        <source>材料清单</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>停止参保日</source>
        <translation>Enrollment closing date</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>住院二次报销</source>
        <translation>Hospital reimbursement</translation>
    </message>
    <message>
        <source>定额给付</source>
        <translation>Lump sum</translation>
    </message>
    <message>
        <source>{count} 天</source>
        <translation>{count} days</translation>
    </message>
    <message>
        <source>不提示</source>
        <translation>no warning</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>本计划专用</source>
        <translation>own list</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>default</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>没能自动顺延一年：{reason}
下面是 {code} 的原文件，请手工改好代码、名称和保障期间等，再保存为新计划（原计划不变）。</source>
        <translation>The plan could not be moved on one year automatically: {reason}
Below is the file of {code} as stored: change the code, name, period and so on by hand, then save it as a new plan (the original plan is unchanged).</translation>
    </message>
    <message>
        <source>从文件添加…</source>
        <translation>Add from file…</translation>
    </message>
    <message>
        <source>复制为下一年度…</source>
        <translation>Copy for next year…</translation>
    </message>
    <message>
        <source>最低参保率…</source>
        <translation>Min. participation…</translation>
    </message>
    <message>
        <source>材料清单…</source>
        <translation>Claim materials…</translation>
    </message>
    <message>
        <source>停止参保日…</source>
        <translation>Enrollment closing date…</translation>
    </message>
    <message>
        <source>停用…</source>
        <translation>Deactivate…</translation>
    </message>
    <message>
        <source>计划添加后不再修改：已参保的人和已受理的理赔都按它的规则计算。新一年度的计划请用“复制为下一年度…”（代码、名称中的年份和保障期间自动顺延一年），改好互助金等规则后保存为新计划。</source>
        <translation>A plan is never changed once added: its enrollments and claims follow its rules. For a new plan year use &quot;Copy for next year…&quot; (the year in the code and name and the period move on one year), change the premium and other rules, and save it as a new plan.</translation>
    </message>
    <message>
        <source>计划由主管或管理员添加和设置，您可以查看。</source>
        <translation>Plans are added and set up by a supervisor or administrator; you can view them.</translation>
    </message>
    <message>
        <source>计划 {code} 已停用。</source>
        <translation>Plan {code} has been deactivated.</translation>
    </message>
    <message>
        <source>计划 {code} 已有 {count} 人次参保，不能停用（已参保和理赔都按它的规则计算）；如只是不再接受新参保，请设置停止参保日。</source>
        <translation>Plan {code} already has {count} enrollments and cannot be deactivated (existing enrollments and claims are calculated under its rules). To just stop accepting new enrollments, set an enrollment closing date.</translation>
    </message>
    <message>
        <source>计划由主管或管理员停用。</source>
        <translation>Plans are deactivated by a supervisor or administrator.</translation>
    </message>
    <message>
        <source>停用无人参保的计划（如添加错了的计划）：保留，不再用于参保和续保</source>
        <translation>Deactivate a plan with no enrollees (e.g. one added by mistake): it is kept but no longer used for enrollment or renewal</translation>
    </message>
    <message>
        <source>读取计划时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the plans.</translation>
    </message>
    <message>
        <source>选择计划文件</source>
        <translation>Choose a plan file</translation>
    </message>
    <message>
        <source>计划文件 (*.toml);;所有文件 (*)</source>
        <translation>Plan files (*.toml);;All files (*)</translation>
    </message>
    <message>
        <source>从文件添加计划</source>
        <translation>Add a plan from a file</translation>
    </message>
    <message>
        <source>文件：{path}
请核对内容，必要时修改，然后保存为新计划。</source>
        <translation>File: {path}
Check the content, change it if needed, then save it as a new plan.</translation>
    </message>
    <message>
        <source>没能生成下一年度的计划。</source>
        <translation>Next year&apos;s plan could not be made.</translation>
    </message>
    <message>
        <source>复制为下一年度：{code}</source>
        <translation>Copy for next year: {code}</translation>
    </message>
    <message>
        <source>由 {code} 复制：代码、名称中的年份和保障期间已顺延一年。请核对每份互助金、给付比例等规则，改好后保存为新计划（原计划不变）。</source>
        <translation>Copied from {code}: the year in the code and name and the period have moved on one year. Check the premium per share, the rates and the other rules, then save it as a new plan (the original plan is unchanged).</translation>
    </message>
    <message>
        <source>已添加计划：{code} {name}</source>
        <translation>Plan added: {code} {name}</translation>
    </message>
    <message>
        <source>最低参保率：{code}</source>
        <translation>Minimum participation: {code}</translation>
    </message>
    <message>
        <source>单位参保人数占职工人数的百分比低于此数时，参保时提醒经办人（0 表示不提醒）：</source>
        <translation>Warn the clerk at enrollment when a unit&apos;s enrolled share of its staff is below this percentage (0: no warning):</translation>
    </message>
    <message>
        <source>保存没有成功，数据未改动。</source>
        <translation>Not saved; nothing was changed.</translation>
    </message>
    <message>
        <source>已保存：{code} 的最低参保率为 {count}%</source>
        <translation>Saved: minimum participation of {code} is {count}%</translation>
    </message>
    <message>
        <source>已保存：{code} 不再提示参保率</source>
        <translation>Saved: {code} no longer warns about participation</translation>
    </message>
    <message>
        <source>已保存：{code} 的停止参保日为 {day}，此后不再办理新参保。</source>
        <translation>Saved: the enrollment closing date for {code} is {day}; no new enrollments will be accepted after it.</translation>
    </message>
    <message>
        <source>已保存：{code} 不设停止参保日。</source>
        <translation>Saved: {code} has no enrollment closing date.</translation>
    </message>
    <message>
        <source>停用计划</source>
        <translation>Deactivate plan</translation>
    </message>
    <message>
        <source>停用计划 {code} {name}？</source>
        <translation>Deactivate plan {code} {name}?</translation>
    </message>
    <message>
        <source>停用后，本计划不再出现在参保、名册导入和续保的计划中；计划本身保留在列表中（已停用），不能恢复。</source>
        <translation>Once deactivated, this plan no longer appears among the plans for enrollment, roster import and renewal; the plan itself stays in the list (deactivated) and cannot be reactivated.</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>停用没有成功，数据未改动。</source>
        <translation>Deactivation failed; no data was changed.</translation>
    </message>
    <message>
        <source>已停用计划：{code}</source>
        <translation>Deactivated plan: {code}</translation>
    </message>
    <message>
        <source>已保存：{code} 的材料清单（本计划专用）</source>
        <translation>Saved: claim materials of {code} (the plan&apos;s own list)</translation>
    </message>
    <message>
        <source>已保存：{code} 的材料清单（默认）</source>
        <translation>Saved: claim materials of {code} (the default list)</translation>
    </message>
</context>
<context>
    <name>PrintSettingsPage</name>
    <message>
        <source>打印时不弹出打印对话框，直接送到下面的打印机</source>
        <translation>Print without the print dialog, straight to the printer below</translation>
    </message>
    <message>
        <source>打印方式</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新查找这台电脑上的打印机</source>
        <translation>Look for this computer’s printers again</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>不勾选时，每次打印都先弹出打印对话框，可以选择打印机、份数和页码。勾选后，预览里的「打印」按钮直接打印全部页面。这项设置对本柜台的所有账号有效。</source>
        <translation>Unticked, every print first shows the print dialog, to choose the printer, the copies and the pages. Ticked, “Print” in the preview prints every page straight away. This setting holds for every account of this counter.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>打印测试页</source>
        <translation>Print test page</translation>
    </message>
    <message>
        <source>按屏幕上的设置打印一张测试页，检查打印机和中文字体</source>
        <translation>Print a test page with the settings on the screen, to check the printer and the Chinese font</translation>
    </message>
    <message>
        <source>打印设置由主管或管理员修改；您可以打印测试页。</source>
        <translation>The print settings are changed by a supervisor or an administrator; you may print the test page.</translation>
    </message>
    <message>
        <source>系统默认打印机（{printer}）</source>
        <translation>System default printer ({printer})</translation>
    </message>
    <message>
        <source>系统默认打印机（未设置）</source>
        <translation>System default printer (none set)</translation>
    </message>
    <message>
        <source>这台电脑还没有安装打印机。请先在系统里添加打印机，再点「刷新」。</source>
        <translation>This computer has no printer installed. Add a printer in the system first, then click “Refresh”.</translation>
    </message>
    <message>
        <source>这台电脑上有 {count} 台打印机。</source>
        <translation>This computer has {count} printer(s).</translation>
    </message>
    <message>
        <source>{printer}（这台电脑上没有）</source>
        <translation>{printer} (not on this computer)</translation>
    </message>
    <message>
        <source>读取打印设置时出现意外错误。</source>
        <translation>Unexpected error while reading the print settings.</translation>
    </message>
    <message>
        <source>系统默认打印机</source>
        <translation>the system default printer</translation>
    </message>
    <message>
        <source>已保存。以后打印时不再询问，直接送到：{printer}。</source>
        <translation>Saved. From now on papers print without asking, straight to: {printer}.</translation>
    </message>
    <message>
        <source>已保存。以后每次打印都先弹出打印对话框。</source>
        <translation>Saved. From now on every print first shows the print dialog.</translation>
    </message>
    <message>
        <source>保存没有成功，设置未改动。</source>
        <translation>Saving failed; the settings are unchanged.</translation>
    </message>
    <message>
        <source>正在准备测试页…</source>
        <translation>Preparing the test page…</translation>
    </message>
    <message>
        <source>测试页已送到：{printer}。请检查打印出的文字是否清晰、完整。</source>
        <translation>Test page sent to: {printer}. Check that the printed text is sharp and complete.</translation>
    </message>
    <message>
        <source>没有打印测试页。</source>
        <translation>No test page was printed.</translation>
    </message>
    <message>
        <source>测试页没有做成（意外错误）。</source>
        <translation>The test page could not be made (unexpected error).</translation>
    </message>
</context>
<context>
    <name>PrintedPapers</name>
    <message>
        <source>缴费收据</source>
        <translation>Premium receipt</translation>
    </message>
    <message>
        <source>参保名单</source>
        <translation>Roster of covered members</translation>
    </message>
    <message>
        <source>日结单</source>
        <translation>Cash-up</translation>
    </message>
    <message>
        <source>受理回执</source>
        <translation>Acceptance receipt</translation>
    </message>
    <message>
        <source>审核通知书</source>
        <translation>Decision notice</translation>
    </message>
    <message>
        <source>给付清单</source>
        <translation>Payout batch list</translation>
    </message>
    <message>
        <source>续保提示单</source>
        <translation>Renewal reminder</translation>
    </message>
    <message>
        <source>理赔材料告知单</source>
        <translation>Claim documents notice</translation>
    </message>
    <message>
        <source>温馨提示</source>
        <translation>Member leaflet</translation>
    </message>
</context>
<context>
    <name>PrintedPapersModel</name>
    <message>
        <source>票据</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>票据号</source>
        <translation>Serial</translation>
    </message>
    <message>
        <source>份</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>打印人</source>
        <translation>Printed by</translation>
    </message>
    <message>
        <source>打印时间</source>
        <translation>Printed at</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>第 {n} 份</source>
        <translation>Copy {n}</translation>
    </message>
    <message>
        <source>第 {n} 次提示</source>
        <translation>Reminder {n}</translation>
    </message>
    <message>
        <source>补打 {n}</source>
        <translation>Reprint {n}</translation>
    </message>
    <message>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>未打印</source>
        <translation>Not printed</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>作废原因：{reason}</source>
        <translation>Voided because: {reason}</translation>
    </message>
</context>
<context>
    <name>PrintedPapersWidget</name>
    <message>
        <source>票据号（可只输入一部分），回车查找</source>
        <translation>Serial (or part of it), Enter to find</translation>
    </message>
    <message>
        <source>全部票据</source>
        <translation>All papers</translation>
    </message>
    <message>
        <source>打印日期：</source>
        <translation>Printed on:</translation>
    </message>
    <message>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>补打</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <source>更多…</source>
        <translation>More…</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>共 {count} 份</source>
        <translation>{count} papers</translation>
    </message>
    <message>
        <source>（还有更多，点“更多…”继续读取）</source>
        <translation> (there are more: click “More…” to read on)</translation>
    </message>
    <message>
        <source>读取打印记录时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the print records.</translation>
    </message>
    <message>
        <source>再打印一份</source>
        <translation>Print one more</translation>
    </message>
    <message>
        <source>再次提示</source>
        <translation>Remind again</translation>
    </message>
    <message>
        <source>按现在的数据重新生成这份提示单，印“第 n 次提示”（不是补打）</source>
        <translation>Make this reminder again from the data as they are now, marked “reminder no. n” (not a reprint)</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Making the paper…</translation>
    </message>
    <message>
        <source>已生成{kind} {serial}（{copy}）：{path}</source>
        <translation>Made {kind} {serial} ({copy}): {path}</translation>
    </message>
    <message>
        <source>补打没有成功，数据未改动。</source>
        <translation>The reprint did not succeed; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>ProblemNotice</name>
    <message>
        <source>⚠ 数据检查发现 {count} 个问题</source>
        <translation>⚠ The data check found {count} problem(s)</translation>
    </message>
    <message>
        <source>⚠ 数据完整性检查没有完成</source>
        <translation>⚠ The data check did not finish</translation>
    </message>
    <message>
        <source>点击查看数据检查发现的问题</source>
        <translation>Click to see the problems the data check found</translation>
    </message>
    <message>
        <source>后台检查发现数据库有 {count} 个问题。程序可以继续使用，但请尽快联系技术支持，并保留最近的备份。</source>
        <translation>The background check found {count} problem(s) in the database. You can go on working, but please contact technical support soon and keep the latest backups.</translation>
    </message>
    <message>
        <source>……另有 {count} 个问题，见“详细信息”。</source>
        <translation>… and {count} more, see “Show Details”.</translation>
    </message>
    <message>
        <source>数据检查发现问题</source>
        <translation>Data Check Found Problems</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>QuotePanel</name>
    <message>
        <source>核算（实时）</source>
        <translation>Quote (live)</translation>
    </message>
    <message>
        <source>待填写：</source>
        <translation>Still to fill in: </translation>
    </message>
    <message>
        <source>请核对：</source>
        <translation>Please check: </translation>
    </message>
    <message>
        <source>符合给付条件</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>不符合给付条件：</source>
        <translation>Not eligible:</translation>
    </message>
    <message>
        <source>给付 {amount}</source>
        <translation>Payout {amount}</translation>
    </message>
    <message>
        <source>住院 {days} 天</source>
        <translation>{days} days in hospital</translation>
    </message>
    <message>
        <source>疑点（保存后由审核人核实决定）：</source>
        <translation>Possible duplicate (the reviewer will decide after saving):</translation>
    </message>
</context>
<context>
    <name>ReceiptsModel</name>
    <message>
        <source>收据号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>缴费日期</source>
        <translation>Date paid</translation>
    </message>
    <message>
        <source>缴款单位（人）</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>转账</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <source>支付宝</source>
        <translation>Alipay</translation>
    </message>
    <message>
        <source>替代 {serial}（已作废）</source>
        <translation>Replaces {serial} (voided)</translation>
    </message>
    <message>
        <source>流水号 {number}</source>
        <translation>Transaction no. {number}</translation>
    </message>
    <message>
        <source>作废：{reason}（{who}，{when}）</source>
        <translation>Voided: {reason} ({who}, {when})</translation>
    </message>
    <message>
        <source>已由 {serial} 替代</source>
        <translation>Replaced by {serial}</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message>
        <source>更多…</source>
        <translation>More…</translation>
    </message>
    <message>
        <source>已显示 {count} 张收据，有效合计 {amount}；还有更多，点“更多…”继续读取</source>
        <translation>Showing {count} receipts, valid total {amount}; there are more: click “More…” to read on</translation>
    </message>
    <message>
        <source>收据</source>
        <translation>Premium receipts</translation>
    </message>
    <message>
        <source>打印记录</source>
        <translation>Print records</translation>
    </message>
    <message>
        <source>票据</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>收据号，如 SJ2026-000123</source>
        <translation>Receipt no., e.g. SJ2026-000123</translation>
    </message>
    <message>
        <source>缴款单位或姓名</source>
        <translation>Payer unit or name</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>收款…</source>
        <translation>Receive payment…</translation>
    </message>
    <message>
        <source>补打收据</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <source>参保名单</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>选择要打印日结单的经办人</source>
        <translation>Select the clerk whose daily statement to print</translation>
    </message>
    <message>
        <source>日结单</source>
        <translation>Cash-up</translation>
    </message>
    <message>
        <source>经办人：</source>
        <translation>Clerk:</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>共 {count} 张收据，有效合计 {amount}</source>
        <translation>{count} receipts, valid total {amount}</translation>
    </message>
    <message>
        <source>读取收据时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the receipts.</translation>
    </message>
    <message>
        <source>请先在表中选择一张收据</source>
        <translation>Please select a receipt in the table first</translation>
    </message>
    <message>
        <source>收取待缴费人员的互助金</source>
        <translation>Collect contributions from people awaiting payment</translation>
    </message>
    <message>
        <source>再打印一份，标明“补打”</source>
        <translation>Print another copy, marked “Reprint”</translation>
    </message>
    <message>
        <source>打印这张收据所缴人员的参保名单</source>
        <translation>Print the enrollment list of the people paid for by this receipt</translation>
    </message>
    <message>
        <source>作废这张收据（须填写原因），所缴人员恢复为待缴费</source>
        <translation>Void this receipt (a reason is required); the people it paid for return to awaiting payment</translation>
    </message>
    <message>
        <source>收据 {serial}：{payer}，{amount}，{method}</source>
        <translation>Receipt {serial}: {payer}, {amount}, {method}</translation>
    </message>
    <message>
        <source>本收据替代第 {serial} 号收据（已作废）</source>
        <translation>This receipt replaces receipt no. {serial} (voided)</translation>
    </message>
    <message>
        <source>银行流水号：{number}</source>
        <translation>Bank transaction no.: {number}</translation>
    </message>
    <message>
        <source>已作废（{who}，{when}）。作废原因：{reason}</source>
        <translation>Voided ({who}, {when}). Reason: {reason}</translation>
    </message>
    <message>
        <source>已由第 {serial} 号收据替代</source>
        <translation>Replaced by receipt no. {serial}</translation>
    </message>
    <message>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>操作没有成功，数据未改动。</source>
        <translation>The action did not succeed; nothing was changed.</translation>
    </message>
    <message>
        <source>已补打收据：{path}</source>
        <translation>Receipt reprinted: {path}</translation>
    </message>
    <message>
        <source>已生成参保名单：{path}</source>
        <translation>Roster made: {path}</translation>
    </message>
    <message>
        <source>已生成日结单：{path}</source>
        <translation>Cash-up made: {path}</translation>
    </message>
    <message>
        <source>收据 {serial} 已作废，{count} 人恢复为待缴费。</source>
        <translation>Receipt {serial} is void; {count} people are waiting for payment again.</translation>
    </message>
    <message>
        <source>没有待缴费的参保人员。</source>
        <translation>Nobody is waiting for payment.</translation>
    </message>
    <message>
        <source>已收款，收据号 {serial}。</source>
        <translation>Payment received, receipt {serial}.</translation>
    </message>
</context>
<context>
    <name>RegisterKeyDialog</name>
    <message>
        <source>登记县区交账公钥</source>
        <translation>Register a county&apos;s hand-in key</translation>
    </message>
    <message>
        <source>县区(&amp;C)：</source>
        <translation>&amp;County:</translation>
    </message>
    <message>
        <source>县区柜台导出的公钥文件（交账公钥-代码.txt）</source>
        <translation>The public key file exported at the county&apos;s counter (交账公钥-CODE.txt)</translation>
    </message>
    <message>
        <source>选择文件(&amp;F)…</source>
        <translation>Choose &amp;file…</translation>
    </message>
    <message>
        <source>公钥文件：</source>
        <translation>Public key file:</translation>
    </message>
    <message>
        <source>更换原因(&amp;R)：</source>
        <translation>&amp;Reason for the replacement:</translation>
    </message>
    <message>
        <source>如：县区柜台电脑更换，重新生成了密钥</source>
        <translation>e.g. the county&apos;s counter computer was replaced and a new key made</translation>
    </message>
    <message>
        <source>我已打电话与县区逐组核对，指纹一致(&amp;Y)</source>
        <translation>Compared with the county by phone: the same (&amp;Y)</translation>
    </message>
    <message>
        <source>登记(&amp;O)</source>
        <translation>Register (&amp;O)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择县区的交账公钥文件</source>
        <translation>Choose the county&apos;s hand-in public key file</translation>
    </message>
    <message>
        <source>公钥文件 (*.txt);;所有文件 (*)</source>
        <translation>Public key files (*.txt);;All files (*)</translation>
    </message>
    <message>
        <source>请打电话给{county}，请对方在其柜台的 统计 → 交账 中读出本柜台公钥的指纹，与上面的数字逐组核对。一致才登记；不一致请不要登记，并联系管理员。</source>
        <translation>Phone {county} and ask them to read out their counter&apos;s key fingerprint from Statistics → Hand-in; compare it with the digits above, group by group. Register only when they are the same; if not, do not register and call the administrator.</translation>
    </message>
    <message>
        <source>这是县区「{code}」的公钥，不是所选县区的：请核对文件和县区。</source>
        <translation>This is the key of county “{code}”, not of the county chosen: check the file and the county.</translation>
    </message>
    <message>
        <source>
该县区已登记另一把公钥（指纹 {old}），登记这把将替换它（旧的保留在记录中），请写明原因。</source>
        <translation>
The county has another key registered (fingerprint {old}); registering this one replaces it (the old one stays on record): write the reason.</translation>
    </message>
    <message>
        <source>该县区已登记这把公钥，再登记不会有改动。</source>
        <translation>The county has this key registered already: registering it again changes nothing.</translation>
    </message>
</context>
<context>
    <name>ReminderOutput</name>
    <message>
        <source>每个单位一个 PDF（存入文件夹）</source>
        <translation>One PDF per unit (in a folder)</translation>
    </message>
    <message>
        <source>合并为一个 PDF（便于一次打印）</source>
        <translation>One combined PDF (to print in one go)</translation>
    </message>
    <message>
        <source>输出：</source>
        <translation>Output:</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>合并的 PDF 保存为</source>
        <translation>Save the combined PDF as</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>选择保存提示单的文件夹</source>
        <translation>Choose the folder for the reminders</translation>
    </message>
</context>
<context>
    <name>RenewalOverviewModel</name>
    <message>
        <source>离开</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>上年参保 {covered} − 已续保 {renewed} − 待缴费 {pending} − 离开 {left} − 转出 {moved} − 不能续保 {cannot}</source>
        <translation>Covered last year {covered} − renewed {renewed} − awaiting payment {pending} − left {left} − moved out {moved} − cannot renew {cannot}</translation>
    </message>
    <message>
        <source>单位续保时说明已离开（离职、退休、死亡等）并登记的人员，不计入未续保</source>
        <translation>Members the unit said have left (resigned, retired, died…), recorded at renewal; not counted as not renewed</translation>
    </message>
    <message>
        <source>县区 / 单位</source>
        <translation>County / unit</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>上年参保</source>
        <translation>Covered last year</translation>
    </message>
    <message>
        <source>已续保</source>
        <translation>Renewed</translation>
    </message>
    <message>
        <source>续保率</source>
        <translation>Renewal rate</translation>
    </message>
    <message>
        <source>待缴费</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>未续保</source>
        <translation>Not renewed</translation>
    </message>
    <message>
        <source>新参保</source>
        <translation>New joiners</translation>
    </message>
    <message>
        <source>转出</source>
        <translation>Transferred out</translation>
    </message>
    <message>
        <source>不能续保</source>
        <translation>Cannot renew</translation>
    </message>
    <message>
        <source>已收金额</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>尚未来办理</source>
        <translation>Not come yet</translation>
    </message>
    <message>
        <source>部分续保</source>
        <translation>Partly renewed</translation>
    </message>
    <message>
        <source>新参保单位</source>
        <translation>New unit</translation>
    </message>
    <message>
        <source>已办完</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>{name}（小计）</source>
        <translation>{name} (subtotal)</translation>
    </message>
    <message>
        <source>上年在本单位参保、今年在其他单位续保的人员：计入新单位的已续保，不计入本单位的未续保</source>
        <translation>People covered in this unit last year who renewed in another unit this year: counted as renewed in the new unit, not as unrenewed in this unit</translation>
    </message>
    <message>
        <source>超出续保计划参保年龄（按续保计划开始日计算）、未续保也未登记离开的人员，不计入未续保和应缴</source>
        <translation>People over the renewal plan&apos;s age limit (as of its start date) who have neither renewed nor been recorded as leaving are not counted as not renewed or in the amount due</translation>
    </message>
    <message>
        <source>已续保 {renewed} 人，其中从其他单位转入 {moved} 人；已收金额为已续保和新参保共 {paid} 人的保费</source>
        <translation>{renewed} renewed, including {moved} transferred from other units; amount received covers premiums for {paid} people (renewed and newly enrolled)</translation>
    </message>
</context>
<context>
    <name>RenewalOverviewPage</name>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新统计（F5）</source>
        <translation>Count again (F5)</translation>
    </message>
    <message>
        <source>续保进度</source>
        <translation>Renewal progress</translation>
    </message>
    <message>
        <source>全市</source>
        <translation>Whole city</translation>
    </message>
    <message>
        <source>只看未办完的单位</source>
        <translation>Only unfinished units</translation>
    </message>
    <message>
        <source>续保年度：</source>
        <translation>Season:</translation>
    </message>
    <message>
        <source>险种：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>住院二次报销</source>
        <translation>Hospital reimbursement</translation>
    </message>
    <message>
        <source>定额给付</source>
        <translation>Lump sum</translation>
    </message>
    <message>
        <source>{year} 年（续保 {next} 年）</source>
        <translation>{year} → {next}</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>还没有任何保障计划。请先在 设置 → 计划 中添加计划。</source>
        <translation>There is no plan yet. Add a plan first in Settings → Plans.</translation>
    </message>
    <message>
        <source>上年计划：{current}；续保计划：{code} {name}，每份 {amount}</source>
        <translation>Last year&apos;s plan: {current}; renewing into: {code} {name}, {amount} a share</translation>
    </message>
    <message>
        <source>尚未来办理的单位在前，其余按未续保人数从多到少排列。</source>
        <translation>Units that have not come yet first, then by the number not renewed, most first.</translation>
    </message>
    <message>
        <source>统计时出现意外错误。</source>
        <translation>An unexpected error occurred while counting.</translation>
    </message>
    <message>
        <source>{where}合计</source>
        <translation>{where} total</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>把表中的各行（含小计和合计）保存为 Excel 文件，发给县区工会</source>
        <translation>Save the rows of the table (with the subtotals and the total) as an Excel file to send to the county unions</translation>
    </message>
    <message>
        <source>{where}：上年参保 {covered} 人，已续保 {renewed} 人（{rate}），待缴费 {pending} 人，离开 {left} 人，转出 {moved} 人，不能续保 {cannot} 人，未续保 {open} 人，新参保 {joiners} 人，已收 {amount}；{units} 个单位中 {waiting} 个尚未来办理。</source>
        <translation>{where}: {covered} covered last year, {renewed} renewed ({rate}), {pending} awaiting payment, {left} left, {moved} moved out, {cannot} cannot renew, {open} not yet renewed, {joiners} new enrollments, {amount} collected; {waiting} of {units} units have not come in yet.</translation>
    </message>
    <message>
        <source>导出续保进度</source>
        <translation>Export renewal progress</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <source>续保进度已导出</source>
        <translation>Renewal progress exported</translation>
    </message>
    <message>
        <source>已保存为 Excel 文件：
{path}</source>
        <translation>Saved as an Excel file:
{path}</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open the folder</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>导出时出现意外错误。</source>
        <translation>An unexpected error occurred while exporting.</translation>
    </message>
</context>
<context>
    <name>RenewalRemindersPage</name>
    <message>
        <source>续保提示单</source>
        <translation>Renewal reminders</translation>
    </message>
    <message>
        <source>险种：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>续保年度：</source>
        <translation>Season:</translation>
    </message>
    <message>
        <source>续保计划：</source>
        <translation>Next plan:</translation>
    </message>
    <message>
        <source>全市</source>
        <translation>Whole city</translation>
    </message>
    <message>
        <source>县区</source>
        <translation>County</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>输入单位名称或代码</source>
        <translation>Type a unit name or code</translation>
    </message>
    <message>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>缴费截止日：</source>
        <translation>Pay by:</translation>
    </message>
    <message>
        <source>保障到期：</source>
        <translation>Cover ends:</translation>
    </message>
    <message>
        <source>印在每张提示单上；在 设置 中修改</source>
        <translation>Printed on every reminder; change it in Settings</translation>
    </message>
    <message>
        <source>缴费方式：</source>
        <translation>How to pay:</translation>
    </message>
    <message>
        <source>统计(&amp;T)</source>
        <translation>&amp;Count</translation>
    </message>
    <message>
        <source>只统计要提示的单位和人数，不生成文件</source>
        <translation>Only count the units and members to remind; make no file</translation>
    </message>
    <message>
        <source>生成(&amp;G)</source>
        <translation>&amp;Generate</translation>
    </message>
    <message>
        <source>取消(&amp;C)</source>
        <translation>Ca&amp;ncel</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>标记为已发出(&amp;S)</source>
        <translation>Mark as &amp;sent</translation>
    </message>
    <message>
        <source>每单位一个 PDF 的文件已发给各单位：记入打印记录，下次提示单算作“第 2 次提示”</source>
        <translation>One PDF per unit has been sent to the units: record in the print log; the next reminder counts as the “2nd reminder”</translation>
    </message>
    <message>
        <source>%v / %m 个单位</source>
        <translation>%v / %m units</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>住院二次报销</source>
        <translation>Hospital reimbursement</translation>
    </message>
    <message>
        <source>定额给付</source>
        <translation>Lump sum</translation>
    </message>
    <message>
        <source>还没有任何保障计划。请先在 设置 → 计划 中添加计划。</source>
        <translation>There is no plan yet. Add a plan first in Settings → Plans.</translation>
    </message>
    <message>
        <source>{year} 年（续保 {next} 年）</source>
        <translation>{year} → {next}</translation>
    </message>
    <message>
        <source>还没有 {year} 年度的计划。请先在 设置 → 计划 中添加下一年度的计划，再生成续保提示单。</source>
        <translation>There is no plan for {year} yet. Add next year&apos;s plan in Settings → Plans first, then make the reminders.</translation>
    </message>
    <message>
        <source>{code} {name}，每份 {amount}，保障期 {start} 至 {end}</source>
        <translation>{code} {name}, {amount} a share, cover from {start} to {end}</translation>
    </message>
    <message>
        <source>读取计划时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the plans.</translation>
    </message>
    <message>
        <source>读取数据时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the data.</translation>
    </message>
    <message>
        <source>请先选择续保年度和险种。</source>
        <translation>Choose the season and the kind first.</translation>
    </message>
    <message>
        <source>请选择县区。</source>
        <translation>Choose a county.</translation>
    </message>
    <message>
        <source>请从列表中选择一个单位（可输入名称或代码查找）。</source>
        <translation>Choose a unit from the list (type its name or code to find it).</translation>
    </message>
    <message>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>将为 {units} 个单位、{members} 名会员生成续保提示单（保障 {first} 至 {last} 到期、尚未续保；每份 {amount}，缴费截止 {deadline}）。</source>
        <translation>Reminders will be made for {units} units and {members} members (cover ending from {first} to {last}, not renewed yet; {amount} a share, pay by {deadline}).</translation>
    </message>
    <message>
        <source>所选范围内没有需要提示续保的会员（保障 {first} 至 {last} 到期的都已续保，或没有）。</source>
        <translation>Nobody in this scope needs a reminder (every cover ending from {first} to {last} is renewed, or there is none).</translation>
    </message>
    <message>
        <source>未列入：已续保或待缴费 {renewed} 人，超出续保计划参保年龄 {over_age} 人，已登记离开 {left} 人（不计入应缴）；{units} 个单位已无需提示，不生成提示单。</source>
        <translation>Not listed: {renewed} renewed or awaiting payment, {over_age} over the renewal plan&apos;s enrollment age, {left} recorded as leaving (not counted as due); {units} units need no reminder, so no reminder is generated for them.</translation>
    </message>
    <message>
        <source>统计时出现意外错误。</source>
        <translation>An unexpected error occurred while counting.</translation>
    </message>
    <message>
        <source>请选择保存的位置。</source>
        <translation>Choose where to save.</translation>
    </message>
    <message>
        <source>无法建立文件夹「{path}」：{reason}。请另选保存位置。</source>
        <translation>Cannot create the folder &quot;{path}&quot;: {reason}. Choose another place.</translation>
    </message>
    <message>
        <source>正在统计要提示的单位…</source>
        <translation>Counting the units to remind…</translation>
    </message>
    <message>
        <source>正在生成续保提示单… {done} / {total} 个单位</source>
        <translation>Making the reminders… {done} / {total} units</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消：完成了 {done} / {total} 个单位，合并的 PDF 没有保存（原有同名文件未改动）。请重新生成。</source>
        <translation>Cancelled after {done} / {total} units: the combined PDF was not saved (an earlier file of that name is unchanged). Generate again.</translation>
    </message>
    <message>
        <source>已生成 {done} 个单位的续保提示单，每个单位一个 PDF，保存在文件夹：{path}。把文件发给各单位后，请点“标记为已发出”（下次提示单才算“第 2 次提示”）。</source>
        <translation>Renewal reminders generated for {done} units, one PDF per unit, saved in the folder: {path}. After sending the files to the units, click “Mark as sent” (so that the next reminder counts as the “2nd reminder”).</translation>
    </message>
    <message>
        <source>其中 {count} 个单位此前已发过提示单，这次印有“第 n 次提示”。</source>
        <translation>Of these, {count} units have received reminders before; this time they are printed with “Reminder no. n”.</translation>
    </message>
    <message>
        <source>没有生成：已有同名文件，没有覆盖。请换一个保存位置，或再点“生成”并选择覆盖。</source>
        <translation>Not generated: a file with the same name already exists and was not overwritten. Choose another location, or click &quot;Generate&quot; again and choose to overwrite.</translation>
    </message>
    <message>
        <source>已记为发出：{n} 个单位的提示单（打印记录中可查）。下次给这些单位的提示单为“第 2 次提示”起。</source>
        <translation>Marked as sent: reminders for {n} units (see the print log). The next reminders to these units will be the “2nd reminder” or later.</translation>
    </message>
    <message>
        <source>标记发出时出现意外错误。</source>
        <translation>An unexpected error occurred while marking as sent.</translation>
    </message>
    <message>
        <source>已取消：已生成 {done} 个单位的提示单（保存在 {path}），其余 {left} 个单位没有生成。重新生成会覆盖已生成的文件。</source>
        <translation>Cancelled: reminders of {done} units were made (in {path}); the other {left} units were not. Generating again overwrites the files made.</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>已生成 {done} 个单位的续保提示单，合并为一个 PDF：{path}</source>
        <translation>Reminders of {done} units made, combined in one PDF: {path}</translation>
    </message>
    <message>
        <source>打开 PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>生成续保提示单时出现意外错误。</source>
        <translation>An unexpected error occurred while making the reminders.</translation>
    </message>
    <message>
        <source>……共 {n} 个</source>
        <translation>…{n} in total</translation>
    </message>
    <message>
        <source>覆盖已有文件</source>
        <translation>Overwrite existing files</translation>
    </message>
    <message>
        <source>保存位置已有同名的提示单文件：
{names}

覆盖这些文件吗？（选“否”则不生成，可另选保存位置。）</source>
        <translation>Reminder files with the same names already exist in the save location:
{names}

Overwrite these files? (Choose “No” to skip generating; you can pick another save location.)</translation>
    </message>
    <message>
        <source>无法打开文件夹，请自行打开：{path}</source>
        <translation>Cannot open the folder; open it yourself: {path}</translation>
    </message>
</context>
<context>
    <name>RenewalSeasonPage</name>
    <message>
        <source>续保</source>
        <translation>Renewal</translation>
    </message>
    <message>
        <source>单位续保</source>
        <translation>Renew a unit</translation>
    </message>
    <message>
        <source>续保进度</source>
        <translation>Renewal progress</translation>
    </message>
    <message>
        <source>续保提示单</source>
        <translation>Renewal reminders</translation>
    </message>
</context>
<context>
    <name>RenewalSummaryDialog</name>
    <message>
        <source>确认续保</source>
        <translation>Confirm renewal</translation>
    </message>
    <message>
        <source>单位：{unit}</source>
        <translation>Unit: {unit}</translation>
    </message>
    <message>
        <source>计划：{plan}</source>
        <translation>Plan: {plan}</translation>
    </message>
    <message>
        <source>续保 {count} 人</source>
        <translation>Renewing {count} people</translation>
    </message>
    <message>
        <source>离开 {count} 人</source>
        <translation>{count} leaving</translation>
    </message>
    <message>
        <source>（本次登记 {count} 人）</source>
        <translation>({count} registered this time)</translation>
    </message>
    <message>
        <source>新增 {count} 人</source>
        <translation>Adding {count} new joiners</translation>
    </message>
    <message>
        <source>应缴 {amount}（确认后收款）</source>
        <translation>{amount} due (collect after confirming)</translation>
    </message>
    <message>
        <source>只登记离开，没有需要缴费的人员。</source>
        <translation>Only leavers registered; no one needs to pay.</translation>
    </message>
    <message>
        <source>确认后即保存；如需修改，请选“返回修改”。</source>
        <translation>Confirming saves immediately; to make changes, choose &quot;Back to edit&quot;.</translation>
    </message>
    <message>
        <source>确认办理(&amp;O)</source>
        <translation>&amp;Confirm</translation>
    </message>
    <message>
        <source>返回修改(&amp;B)</source>
        <translation>&amp;Back to edit</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>（时间不详）</source>
        <translation>(time unknown)</translation>
    </message>
    <message>
        <source>数据库文件已损坏</source>
        <translation>Database File Damaged</translation>
    </message>
    <message>
        <source>数据库文件已损坏，程序无法使用它。</source>
        <translation>The database file is damaged; the program cannot use it.</translation>
    </message>
    <message>
        <source>文件：{location}</source>
        <translation>File: {location}</translation>
    </message>
    <message>
        <source>最近一次完好的备份：{moment}</source>
        <translation>Latest good backup: {moment}</translation>
    </message>
    <message>
        <source>备份文件：{name}</source>
        <translation>Backup file: {name}</translation>
    </message>
    <message>
        <source>要恢复这份备份吗？</source>
        <translation>Restore this backup?</translation>
    </message>
    <message>
        <source>恢复最近的备份</source>
        <translation>Restore the Latest Backup</translation>
    </message>
    <message>
        <source>没有找到可用的备份。请保留这个文件，不要删除，并联系技术支持。</source>
        <translation>No usable backup was found. Keep this file, do not delete it, and contact technical support.</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot Open the Database</translation>
    </message>
    <message>
        <source>无法打开数据库，程序将退出。</source>
        <translation>The database cannot be opened; the program will close.</translation>
    </message>
    <message>
        <source>出现意外错误。请联系技术支持。</source>
        <translation>An unexpected error occurred. Please contact technical support.</translation>
    </message>
    <message>
        <source>恢复没有成功</source>
        <translation>Restore Failed</translation>
    </message>
    <message>
        <source>备份没能恢复，数据库文件保持原样。程序将退出。</source>
        <translation>The backup could not be restored; the database file is as it was. The program will close.</translation>
    </message>
    <message>
        <source>恢复后，这次备份之后录入的业务需要重新录入。损坏的文件会先原样复制到备份文件夹保存，不会丢弃。</source>
        <translation>After restoring, whatever was entered after this backup must be entered again. The damaged file is first copied as it is into the backup folder; it is not thrown away.</translation>
    </message>
    <message>
        <source>数据库已恢复</source>
        <translation>Database restored</translation>
    </message>
    <message>
        <source>已用 {moment} 的备份恢复数据库。</source>
        <translation>The database has been restored from the backup of {moment}.</translation>
    </message>
    <message>
        <source>损坏的数据库文件已原样复制保存在：
{path}</source>
        <translation>A copy of the damaged database file, as it was found, is kept in:
{path}</translation>
    </message>
    <message>
        <source>恢复前的数据库已复制并检查完好，保存在：
{path}</source>
        <translation>The database as it was before the restore has been copied, checked and kept in:
{path}</translation>
    </message>
    <message>
        <source>备份之后发出的下列编号（共 {count} 个）已不在恢复后的数据库中。纸质单据已经发出，请按纸质单据重新录入；这些编号不会再次使用：</source>
        <translation>These numbers ({count} in all) were handed out after the backup and are not in the restored database. The papers have been handed out: enter them again from the papers. These numbers will not be used again:</translation>
    </message>
    <message>
        <source>备份之后没有发出过收据、理赔或给付批次编号，不需要按纸质单据补录。</source>
        <translation>No receipt, claim or payout batch number was handed out after the backup: nothing has to be entered again from papers.</translation>
    </message>
    <message>
        <source>备份之后打印的 {count} 份单据的打印记录已不在数据库中，见“详细信息”。</source>
        <translation>The print records of {count} papers printed after the backup are not in the database; see “Show Details”.</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <source>冲正</source>
        <translation>Reverse</translation>
    </message>
    <message>
        <source>理赔 {claim}（{holder}）已给付 {amount}。冲正不修改原给付记录，另记一笔冲正，状态改为“已冲正”。</source>
        <translation>Claim {claim} ({holder}) was paid {amount}. A reversal does not change the payout record: it is recorded separately and the claim becomes “reversed”.</translation>
    </message>
    <message>
        <source>必填，例如：发票已在其他渠道报销</source>
        <translation>Required, e.g. the invoice was reimbursed elsewhere</translation>
    </message>
    <message>
        <source>冲正金额：</source>
        <translation>Amount to reverse:</translation>
    </message>
    <message>
        <source>冲正原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReviewQueueModel</name>
    <message>
        <source>理赔编号</source>
        <translation>Claim number</translation>
    </message>
    <message>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>等待天数</source>
        <translation>Days waiting</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>计算金额</source>
        <translation>Computed</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Papers</translation>
    </message>
    <message>
        <source>齐全</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>缺</source>
        <translation>Missing</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>更改角色</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <source>新角色(&amp;R)：</source>
        <translation>New &amp;role:</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>经办人</source>
        <translation>clerk</translation>
    </message>
    <message>
        <source>审核人</source>
        <translation>reviewer</translation>
    </message>
    <message>
        <source>主管</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>administrator</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <source>导入单位职工名册</source>
        <translation>Import a unit’s staff roster</translation>
    </message>
    <message>
        <source>选择单位交来的名册：.xlsx、.xls 或 .csv</source>
        <translation>Choose the roster the unit brought: .xlsx, .xls or .csv</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>名册文件</source>
        <translation>Roster file</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>检查名册</source>
        <translation>Check roster</translation>
    </message>
    <message>
        <source>列对应…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <source>选择文件、单位和计划后，按“检查名册”。每一行都会先检查，检查时不写入任何数据。</source>
        <translation>Choose the file, the unit and the plan, then press “Check roster”. Every row is checked first; checking writes nothing.</translation>
    </message>
    <message>
        <source>问题行</source>
        <translation>Bad rows</translation>
    </message>
    <message>
        <source>有效行</source>
        <translation>Good rows</translation>
    </message>
    <message>
        <source>导出问题行(.xlsx)</source>
        <translation>Save bad rows (.xlsx)</translation>
    </message>
    <message>
        <source>收款</source>
        <translation>Receive payment</translation>
    </message>
    <message>
        <source>导入有效行</source>
        <translation>Import good rows</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>没有可参保的计划：请先在“计划”中添加本年度计划。</source>
        <translation>No plan is open for enrollment: add this year’s plan under “Plans” first.</translation>
    </message>
    <message>
        <source>选择已变更，请重新按“检查名册”。</source>
        <translation>The choice has changed: press “Check roster” again.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>请先选择单位：名册中的人员将登记在所选单位。</source>
        <translation>Select a unit first: the people in the roster will be registered in the selected unit.</translation>
    </message>
    <message>
        <source>请选择单位：名册中的人员将登记在所选单位（可输入单位名称或代码查找）。</source>
        <translation>Select a unit: the people in the roster will be registered under the selected unit (type a unit name or code to search).</translation>
    </message>
    <message>
        <source>选择名册文件</source>
        <translation>Choose the roster file</translation>
    </message>
    <message>
        <source>名册 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)</source>
        <translation>Rosters (*.xlsx *.xls *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>出现意外错误，数据没有改动。</source>
        <translation>An unexpected error occurred; nothing was changed.</translation>
    </message>
    <message>
        <source>问题行（{count}）</source>
        <translation>Bad rows ({count})</translation>
    </message>
    <message>
        <source>有效行（{count}）</source>
        <translation>Good rows ({count})</translation>
    </message>
    <message>
        <source>共 {rows} 行：有效 {good} 行（新会员 {new}，已有会员 {old}），有问题 {bad} 行。</source>
        <translation>{rows} rows: {good} good ({new} new members, {old} on file), {bad} with problems.</translation>
    </message>
    <message>
        <source>有问题的行不会导入：可按“导出问题行”保存给单位改正后再交来。</source>
        <translation>Rows with problems are not imported: “Save bad rows” gives the unit a file to correct and bring back.</translation>
    </message>
    <message>
        <source>未使用的列：{names}（如需要，请按“列对应…”指定）。</source>
        <translation>Columns not used: {names} (use “Columns…” if they are needed).</translation>
    </message>
    <message>
        <source>第 {row} 行：{note}</source>
        <translation>Row {row}: {note}</translation>
    </message>
    <message>
        <source>……另有 {count} 条类似提示。</source>
        <translation>…and {count} more notes like these.</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>保障期全部在观察期内</source>
        <translation>Entire coverage period falls within the waiting period</translation>
    </message>
    <message>
        <source>请先向单位说明；也可以改为参加下一年度的计划。</source>
        <translation>Please explain to the unit first; alternatively, they can join next year&apos;s plan.</translation>
    </message>
    <message>
        <source>已说明，仍然导入</source>
        <translation>Explained; import anyway</translation>
    </message>
    <message>
        <source>不导入</source>
        <translation>Don&apos;t import</translation>
    </message>
    <message>
        <source>没有导入：保障期全部在观察期内。</source>
        <translation>Not imported: the entire coverage period falls within the waiting period.</translation>
    </message>
    <message>
        <source>已导入 {count} 人（新会员 {new}，已有会员 {old}），状态为待缴费；未导入 {bad} 行。</source>
        <translation>Imported {count} people ({new} new members, {old} on file), payment pending; {bad} rows not imported.</translation>
    </message>
    <message>
        <source>已收款，收据号 {serial}。</source>
        <translation>Payment received, receipt no. {serial}.</translation>
    </message>
    <message>
        <source>导出问题行</source>
        <translation>Save bad rows</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>问题行已保存到 {path}</source>
        <translation>Bad rows saved to {path}</translation>
    </message>
</context>
<context>
    <name>RosterReading</name>
    <message>
        <source>正在读取名册…</source>
        <translation>Reading the roster…</translation>
    </message>
    <message>
        <source>文件中没有数据，请检查是否选错了文件。</source>
        <translation>The file has no data; please check that it is the right file.</translation>
    </message>
    <message>
        <source>没有指定姓名和身份证号码所在的列，未检查。</source>
        <translation>The name and ID number columns were not chosen; the roster was not checked.</translation>
    </message>
    <message>
        <source>正在检查名册…</source>
        <translation>Checking the roster…</translation>
    </message>
    <message>
        <source>正在检查每一行…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <source>出现意外错误，数据没有改动。</source>
        <translation>An unexpected error occurred; nothing was changed.</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>{stage}… {done} / {total} 行</source>
        <translation>{stage}… {done} / {total} rows</translation>
    </message>
</context>
<context>
    <name>SavedModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>份数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>应缴</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已收款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>待缴费</source>
        <translation>Payment pending</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>计划</source>
        <translation>Plans</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Targets</translation>
    </message>
    <message>
        <source>纸面文字</source>
        <translation>Paper texts</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>柜台信息</source>
        <translation>Counter information</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Units</translation>
    </message>
</context>
<context>
    <name>SettleDialog</name>
    <message>
        <source>银行回单确认</source>
        <translation>Confirm bank receipt</translation>
    </message>
    <message>
        <source>批次 {batch}：按银行回单确认。未勾选“退回”的行记为已给付；被退回的行请勾选并填写原因。</source>
        <translation>Batch {batch}: confirm from the bank&apos;s receipt. Rows not ticked “Returned” are recorded as paid; tick the rows the bank returned and give the reason.</translation>
    </message>
    <message>
        <source>银行办理日期：</source>
        <translation>Date of bank transfer:</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>理赔编号</source>
        <translation>Claim number</translation>
    </message>
    <message>
        <source>户名 / 金额</source>
        <translation>Holder / amount</translation>
    </message>
    <message>
        <source>退回原因</source>
        <translation>Reason returned</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <source>导出 Excel(&amp;E)…</source>
        <translation>&amp;Export to Excel…</translation>
    </message>
    <message>
        <source>把表中的各行（含合计）保存为 Excel 文件</source>
        <translation>Save the rows of the table (with the total) as an Excel file</translation>
    </message>
    <message>
        <source>打印月报表(&amp;R)</source>
        <translation>Print month &amp;report</translation>
    </message>
    <message>
        <source>交账(&amp;J)…</source>
        <translation>Hand-in (&amp;J)…</translation>
    </message>
    <message>
        <source>县区交账文件：县区导出已月结的月份，市总工会导入并查看各县区交账情况</source>
        <translation>County hand-in files: a county exports its closed months; the city union imports them and sees every county&apos;s hand-ins</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新统计（F5）</source>
        <translation>Count again (F5)</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>返回全市(&amp;U)</source>
        <translation>Back to the &amp;city</translation>
    </message>
    <message>
        <source>回到各县区（Backspace 或 Alt+←）</source>
        <translation>Back to the counties (Backspace or Alt+←)</translation>
    </message>
    <message>
        <source>全市</source>
        <translation>Whole city</translation>
    </message>
    <message>
        <source>统计表</source>
        <translation>Statistics table</translation>
    </message>
    <message>
        <source>各县区年度参保金额目标完成率（年初至期末）</source>
        <translation>Counties&apos; completion of the yearly premium target (January to the end of the period)</translation>
    </message>
    <message>
        <source>各月参保金额、理赔金额和理赔率</source>
        <translation>Premiums, payouts and claim ratio by month</translation>
    </message>
    <message>
        <source>各县区年度目标完成率</source>
        <translation>Counties&apos; completion of the yearly target</translation>
    </message>
    <message>
        <source>参保金额（万元）</source>
        <translation>Premiums (10,000 yuan)</translation>
    </message>
    <message>
        <source>理赔金额（万元）</source>
        <translation>Paid (10,000 yuan)</translation>
    </message>
    <message>
        <source>理赔率（%）</source>
        <translation>Claim ratio (%)</translation>
    </message>
    <message>
        <source>参保金额</source>
        <translation>Premiums</translation>
    </message>
    <message>
        <source>理赔金额</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>理赔率</source>
        <translation>Claim ratio</translation>
    </message>
    <message>
        <source>{n}月</source>
        <translation>M{n}</translation>
    </message>
    <message>
        <source>无目标</source>
        <translation>No target</translation>
    </message>
    <message>
        <source>目标 {mark}%</source>
        <translation>Target {mark}%</translation>
    </message>
    <message>
        <source>正在统计{period}的数字…</source>
        <translation>Computing the figures of {period}…</translation>
    </message>
    <message>
        <source>{period}，{basis}。双击或按回车查看一个县区的各单位。</source>
        <translation>{period}, {basis}. Double-click or press Enter to see a county&apos;s units.</translation>
    </message>
    <message>
        <source>统计时出现意外错误，数据没有改动。请按“刷新”再试。</source>
        <translation>An unexpected error occurred while computing the figures; no data was changed. Press &quot;Refresh&quot; to try again.</translation>
    </message>
    <message>
        <source>图表没有画出来（意外错误）。请按“刷新”再试。</source>
        <translation>The chart could not be drawn (unexpected error). Press &quot;Refresh&quot; to try again.</translation>
    </message>
    <message>
        <source>全市合计</source>
        <translation>City total</translation>
    </message>
    <message>
        <source>{name}合计</source>
        <translation>{name} total</translation>
    </message>
    <message>
        <source>全市 › {county}</source>
        <translation>City › {county}</translation>
    </message>
    <message>
        <source>{scope} {year}年各月参保金额、理赔金额和理赔率</source>
        <translation>{scope} {year}: premiums, payouts and claim ratio by month</translation>
    </message>
    <message>
        <source>月结状态和月报表只对单个月份显示。</source>
        <translation>The closing state and the month report are shown for a single month only.</translation>
    </message>
    <message>
        <source>{period}已月结：{who}，{when}，第 {version} 版。</source>
        <translation>{period} closed: {who}, {when}, version {version}.</translation>
    </message>
    <message>
        <source>{period}未月结（曾经月结，已重新打开）：数字可能变动。</source>
        <translation>{period} not closed (closed before, reopened): the figures may change.</translation>
    </message>
    <message>
        <source>{period}未月结：数字可能变动。</source>
        <translation>{period} not closed: the figures may change.</translation>
    </message>
    <message>
        <source>打印本月的月报表（{scope}）</source>
        <translation>Print this month&apos;s report ({scope})</translation>
    </message>
    <message>
        <source>月报表按月打印：请在“期间”中选择月份</source>
        <translation>The month report is printed by month: choose a month under &quot;Period&quot;</translation>
    </message>
    <message>
        <source>导出统计表</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
    <message>
        <source>正在生成月报表…</source>
        <translation>Making the month report…</translation>
    </message>
    <message>
        <source>已生成月报表：{path}</source>
        <translation>Month report made: {path}</translation>
    </message>
    <message>
        <source>没有完成（意外错误），数据没有改动。请再试一次。</source>
        <translation>Not finished (unexpected error); no data was changed. Please try again.</translation>
    </message>
</context>
<context>
    <name>StatisticsPanel</name>
    <message>
        <source>全市业绩</source>
        <translation>City figures</translation>
    </message>
    <message>
        <source>参保金额</source>
        <translation>Premiums</translation>
    </message>
    <message>
        <source>参保人次</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <source>理赔金额</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>理赔率</source>
        <translation>Claim ratio</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>全市本年各月参保金额、理赔金额和理赔率</source>
        <translation>The city&apos;s premiums, payouts and claim ratio by month this year</translation>
    </message>
    <message>
        <source>本月（{n}月）</source>
        <translation>This month (month {n})</translation>
    </message>
    <message>
        <source>本年（1—{n}月）</source>
        <translation>This year (months 1–{n})</translation>
    </message>
    <message>
        <source>尚未设定全市本年参保金额目标（设置 → 目标）。</source>
        <translation>No premium target set for the city this year (Settings → Targets).</translation>
    </message>
    <message>
        <source>全市本年参保金额目标 {target}，已完成 {rate}。</source>
        <translation>City&apos;s premium target this year {target}, completed {rate}.</translation>
    </message>
    <message>
        <source>{name}（{n}月）</source>
        <translation>{name} (month {n})</translation>
    </message>
    <message>
        <source>暂无</source>
        <translation>None yet</translation>
    </message>
    <message>
        <source>百万县区：{names}</source>
        <translation>Million-yuan counties: {names}</translation>
    </message>
    <message>
        <source>两百万县区：{names}</source>
        <translation>Two-million-yuan counties: {names}</translation>
    </message>
    <message>
        <source>全市县区全部达到百万（全覆盖）。</source>
        <translation>Every county of the city has reached a million (full coverage).</translation>
    </message>
    <message>
        <source>未全覆盖：{count} 个县区尚未达到百万。</source>
        <translation>Not full coverage: {count} counties have not reached a million yet.</translation>
    </message>
</context>
<context>
    <name>StatisticsTableModel</name>
    <message>
        <source>县区 / 单位</source>
        <translation>County / unit</translation>
    </message>
    <message>
        <source>参保单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>参保人次</source>
        <translation>Enrollments</translation>
    </message>
    <message>
        <source>参保金额</source>
        <translation>Premiums</translation>
    </message>
    <message>
        <source>目标完成率</source>
        <translation>Target completion</translation>
    </message>
    <message>
        <source>理赔人次</source>
        <translation>Claims paid</translation>
    </message>
    <message>
        <source>理赔金额</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>理赔率</source>
        <translation>Claim ratio</translation>
    </message>
    <message>
        <source>受理/未决</source>
        <translation>Received/pending</translation>
    </message>
    <message>
        <source>同比</source>
        <translation>Year on year</translation>
    </message>
    <message>
        <source>排名</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>年初至本期末的参保金额 ÷ 年度参保金额目标（设置 → 目标）</source>
        <translation>Premiums from January to the end of the period ÷ the yearly premium target (Settings → Targets)</translation>
    </message>
    <message>
        <source>本期受理的理赔件数 / 期末尚未审核的件数</source>
        <translation>Claims received in the period / claims not yet reviewed at its end</translation>
    </message>
    <message>
        <source>参保金额与上年同期相比的增减</source>
        <translation>Change of the premiums against the same period last year</translation>
    </message>
    <message>
        <source>年初至本期末：县区按目标完成率、再按参保金额排名；单位在本县区内按参保金额排名</source>
        <translation>January to the end of the period: counties by target completion, then by premiums; units within their county by premiums</translation>
    </message>
    <message>
        <source>{rank}（并列）</source>
        <translation>{rank} (tied)</translation>
    </message>
    <message>
        <source>没有设定年度参保金额目标</source>
        <translation>No yearly premium target set</translation>
    </message>
    <message>
        <source>年度目标 {amount}</source>
        <translation>Yearly target {amount}</translation>
    </message>
</context>
<context>
    <name>TargetsPage</name>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>参保金额目标（元）</source>
        <translation>Premium target (yuan)</translation>
    </message>
    <message>
        <source>参保人次目标</source>
        <translation>Enrollment target</translation>
    </message>
    <message>
        <source>覆盖率目标（%）</source>
        <translation>Coverage target (%)</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>{year}年</source>
        <translation>{year}</translation>
    </message>
    <message>
        <source>从Excel导入(&amp;I)…</source>
        <translation>&amp;Import from Excel…</translation>
    </message>
    <message>
        <source>表头：县区代码、参保金额目标、参保人次目标、覆盖率目标</source>
        <translation>Headers: county code, premium target, enrollment target, coverage target</translation>
    </message>
    <message>
        <source>百万县区门槛</source>
        <translation>Million-yuan county thresholds</translation>
    </message>
    <message>
        <source>百万县区门槛（元）</source>
        <translation>Million-yuan county threshold (yuan)</translation>
    </message>
    <message>
        <source>两百万县区门槛（元）</source>
        <translation>Two-million-yuan county threshold (yuan)</translation>
    </message>
    <message>
        <source>保存门槛(&amp;T)</source>
        <translation>Save &amp;thresholds</translation>
    </message>
    <message>
        <source>{name}（全市）</source>
        <translation>{name} (whole city)</translation>
    </message>
    <message>
        <source>读取年度目标时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the yearly targets.</translation>
    </message>
    <message>
        <source>没有改动，无需保存。</source>
        <translation>Nothing changed; nothing to save.</translation>
    </message>
    <message>
        <source>已保存 {count} 个县区的目标。</source>
        <translation>Saved the targets of {count} counties.</translation>
    </message>
    <message>
        <source>保存没有成功，数据未改动。</source>
        <translation>Not saved; nothing was changed.</translation>
    </message>
    <message>
        <source>选择年度目标文件</source>
        <translation>Choose the yearly targets file</translation>
    </message>
    <message>
        <source>Excel 文件 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Excel files (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>已导入 {year} 年度目标：{rows} 个县区，其中 {changed} 个有改动。</source>
        <translation>Imported the {year} targets: {rows} counties, {changed} of them changed.</translation>
    </message>
    <message>
        <source>导入没有成功，数据未改动。</source>
        <translation>The import failed; the data is unchanged.</translation>
    </message>
    <message>
        <source>百万县区门槛已保存。</source>
        <translation>The million-yuan thresholds are saved.</translation>
    </message>
    <message>
        <source>门槛没有保存，数据未改动。</source>
        <translation>The thresholds were not saved; the data is unchanged.</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>操作没有完成（意外错误），数据没有改动。请再试一次，或联系技术支持。</source>
        <translation>The operation did not complete (an unexpected error); nothing was changed. Please try again, or contact technical support.</translation>
    </message>
    <message>
        <source>操作没有完成</source>
        <translation>The operation did not complete</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>新增单位</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <source>编辑单位</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <source>上级单位(&amp;P)：</source>
        <translation>&amp;Parent:</translation>
    </message>
    <message>
        <source>单位代码(&amp;D)：</source>
        <translation>Co&amp;de:</translation>
    </message>
    <message>
        <source>单位名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>联系人(&amp;L)：</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <source>联系电话(&amp;T)：</source>
        <translation>&amp;Telephone:</translation>
    </message>
    <message>
        <source>地址(&amp;A)：</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>职工总数(&amp;H)：</source>
        <translation>&amp;Head-count:</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>UnitRenewalPage</name>
    <message>
        <source>所选人员已登记为离开：撤销这条登记（不为其续保；登记记录保留备查）</source>
        <translation>The selected person is recorded as leaving: withdraw that record (they are not renewed; the record is kept)</translation>
    </message>
    <message>
        <source>其中 {count} 人已登记为离开（未勾选，原因见“离开原因”）。</source>
        <translation> {count} of them are recorded as leaving (unticked; see the reason column).</translation>
    </message>
    <message>
        <source>重新读取单位、计划和名单</source>
        <translation>Read the units, plans and list again</translation>
    </message>
    <message>
        <source>单位续保</source>
        <translation>Renewal by unit</translation>
    </message>
    <message>
        <source>输入单位名称或代码查找</source>
        <translation>Type a unit name or code to find it</translation>
    </message>
    <message>
        <source>在名单中查找：姓名或身份证号后4位</source>
        <translation>Find in the list: name or last 4 characters of the ID number</translation>
    </message>
    <message>
        <source>读取单位交来的新名册（.xlsx、.xls、.csv），按导入名册的规则逐行检查</source>
        <translation>Read the unit&apos;s new roster (.xlsx, .xls, .csv), every row checked as in a roster import</translation>
    </message>
    <message>
        <source>收取本单位在本计划中待缴费人员的互助金</source>
        <translation>Receive the premiums of this unit&apos;s members whose payment is due under this plan</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>单位(&amp;U)</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <source>续保计划(&amp;L)</source>
        <translation>Renewal p&amp;lan</translation>
    </message>
    <message>
        <source>只看有问题的(&amp;Q)</source>
        <translation>Show only &amp;problems</translation>
    </message>
    <message>
        <source>只列出不能续保、转入转出、已过宽限期、离开未填原因等需要核对的人员</source>
        <translation>Lists only people who need checking: cannot renew, moved in or out, past the grace period, leaving without a reason, etc.</translation>
    </message>
    <message>
        <source>全部续保(&amp;A)</source>
        <translation>Renew &amp;all</translation>
    </message>
    <message>
        <source>全部不续保(&amp;N)</source>
        <translation>Mark all as &amp;not renewing</translation>
    </message>
    <message>
        <source>添加新增人员(&amp;J)…</source>
        <translation>Add new &amp;joiners…</translation>
    </message>
    <message>
        <source>从花名册添加(&amp;M)…</source>
        <translation>Add from &amp;roster…</translation>
    </message>
    <message>
        <source>撤销离开登记(&amp;W)</source>
        <translation>&amp;Withdraw leaving registration</translation>
    </message>
    <message>
        <source>离开原因(&amp;Y)…</source>
        <translation>&amp;Reason for leaving…</translation>
    </message>
    <message>
        <source>为选中的离开人员（未勾选续保）选择离开原因</source>
        <translation>Choose a reason for leaving for the selected leavers (not checked for renewal)</translation>
    </message>
    <message>
        <source>收款(&amp;P)</source>
        <translation>Collect &amp;payment</translation>
    </message>
    <message>
        <source>确认续保(&amp;C)</source>
        <translation>&amp;Confirm renewal</translation>
    </message>
    <message>
        <source>没有可续保的下一年度计划。请先在 设置 → 计划 中添加下一年度的计划（可复制上一年度的计划修改），再办理续保。</source>
        <translation>There is no plan for next year to renew into. First add next year&apos;s plan in Settings → Plans (last year&apos;s plan can be copied and edited), then renew.</translation>
    </message>
    <message>
        <source>接续 {previous}（保障至 {end}）。{name}：每份 {per_share}，保障期 {start} 至 {period_end}；今天缴费，保障自 {cover_start} 起。</source>
        <translation>Follows {previous} (cover until {end}). {name}: {per_share} a share, plan year {start} to {period_end}; paid today, cover starts {cover_start}.</translation>
    </message>
    <message>
        <source>正在读取该单位去年的参保名单…</source>
        <translation>Reading the unit&apos;s members of last year…</translation>
    </message>
    <message>
        <source>{unit} 去年没有在 {previous} 参保、年底到期的人员。可以添加新增人员。</source>
        <translation>{unit} has no members covered under {previous} until the end of last year. You can add joiners.</translation>
    </message>
    <message>
        <source>去年参保 {count} 人，已列出；取消勾选的为离开人员。</source>
        <translation>{count} members covered last year are listed; untick those who leave.</translation>
    </message>
    <message>
        <source>其中 {blocked} 人已参保或不符合条件，不能勾选（见“情况”）。</source>
        <translation> {blocked} of them are already enrolled or not eligible and cannot be ticked (see Status).</translation>
    </message>
    <message>
        <source>续保 {kept} 人 · 离开 {left} 人 · 新增 {joined} 人 · 应缴 {amount}</source>
        <translation>Renewing {kept} · leaving {left} · joining {joined} · due {amount}</translation>
    </message>
    <message>
        <source>登记离开(&amp;C)</source>
        <translation>Re&amp;cord leavers</translation>
    </message>
    <message>
        <source>收款(&amp;P)（待缴费 {count} 人）</source>
        <translation>Collect &amp;payment ({count} to pay)</translation>
    </message>
    <message>
        <source>续保办理完成：续保 {kept} 人，离开 {left} 人，新增 {joined} 人；已收款 {amount}，收据号 {serial}。</source>
        <translation>Renewal complete: {kept} renewed, {left} left, {joined} new joiners; {amount} received, receipt no. {serial}.</translation>
    </message>
    <message>
        <source>已收款 {amount}（{people} 人），收据号 {serial}。</source>
        <translation>Payment of {amount} received ({people} people), receipt no. {serial}.</translation>
    </message>
    <message>
        <source>单位续保：{unit} 的名单有改动，尚未确认续保</source>
        <translation>Unit renewal: the list for {unit} has changes; renewal not yet confirmed</translation>
    </message>
    <message>
        <source>出现意外错误，数据没有改动。</source>
        <translation>An unexpected error occurred; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>UnitTreeModel</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>会员数</source>
        <translation>Members</translation>
    </message>
    <message>
        <source>职工总数</source>
        <translation>Head-count</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>筛选(&amp;S)：</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>单位名称、代码、联系人或电话</source>
        <translation>Unit name, code, contact or phone</translation>
    </message>
    <message>
        <source>新增(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>迁移(&amp;M)</source>
        <translation>&amp;Move</translation>
    </message>
    <message>
        <source>停用(&amp;D)</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>正在读取单位…</source>
        <translation>Reading units…</translation>
    </message>
    <message>
        <source>读取单位时出现意外错误。</source>
        <translation>Reading the units failed unexpectedly.</translation>
    </message>
    <message>
        <source>共 {count} 个基层工会，{name} 个已停用。</source>
        <translation>{count} grassroots units, {name} inactive.</translation>
    </message>
    <message>
        <source>恢复(&amp;D)</source>
        <translation>Reactivate (&amp;D)</translation>
    </message>
    <message>
        <source>保存时出现意外错误，没有改动。</source>
        <translation>Saving failed unexpectedly; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>UnsavedWork</name>
    <message>
        <source>未保存的录入</source>
        <translation>Unsaved entries</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>以下工作还没有保存：
{work}

现在退出，这些改动会丢失。仍要退出吗？</source>
        <translation>The following work has not been saved:
{work}

If you quit now, these changes will be lost. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>新增(&amp;N)…</source>
        <translation>&amp;New account…</translation>
    </message>
    <message>
        <source>更改角色(&amp;R)…</source>
        <translation>Change &amp;role…</translation>
    </message>
    <message>
        <source>停用(&amp;T)…</source>
        <translation>Deac&amp;tivate…</translation>
    </message>
    <message>
        <source>启用(&amp;T)…</source>
        <translation>Reac&amp;tivate…</translation>
    </message>
    <message>
        <source>重设密码(&amp;P)…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>只有管理员可以新增和更改用户账号。</source>
        <translation>Only an administrator can add and change user accounts.</translation>
    </message>
    <message>
        <source>读取用户列表时出现意外错误。</source>
        <translation>An unexpected error occurred while reading the user accounts.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致，请重新输入确认密码。</source>
        <translation>The two passwords differ; enter the confirmation again.</translation>
    </message>
    <message>
        <source>已新增用户：{name}</source>
        <translation>Account added: {name}</translation>
    </message>
    <message>
        <source>已更改角色：{name}，现为{role}</source>
        <translation>Role changed: {name} is now {role}</translation>
    </message>
    <message>
        <source>已重设密码：{name}；请告诉本人新密码</source>
        <translation>Password reset: {name}; tell the person the new password</translation>
    </message>
    <message>
        <source>已启用：{name}</source>
        <translation>Reactivated: {name}</translation>
    </message>
    <message>
        <source>已停用：{name}（不能再登录）</source>
        <translation>Deactivated: {name} (can no longer log in)</translation>
    </message>
    <message>
        <source>保存没有成功，数据未改动。</source>
        <translation>Not saved; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>作废收据</source>
        <translation>Void receipt</translation>
    </message>
    <message>
        <source>作废收据 {serial}：收据保留并标记“作废”，所缴人员恢复为待缴费。</source>
        <translation>Void receipt {serial}: the receipt is kept and marked void; the people it paid for wait for payment again.</translation>
    </message>
    <message>
        <source>必填，例如：缴费方式录错</source>
        <translation>Required, e.g.: wrong payment method</translation>
    </message>
    <message>
        <source>作废原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>_SaveDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>_UserDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>互助保障柜台</source>
        <translation>Mutual-Aid Counter</translation>
    </message>
</context>
<context>
    <name>open_pdf</name>
    <message>
        <source>文件已保存</source>
        <translation>File saved</translation>
    </message>
    <message>
        <source>这份文件无法在程序里显示。文件已保存在：
{path}
请用 PDF 阅读器打开后打印。</source>
        <translation>This file cannot be shown in the program. It was saved as:
{path}
Open it with a PDF reader to print it.</translation>
    </message>
</context>
</TS>
