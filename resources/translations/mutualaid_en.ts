<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <source>点击查看数据检查发现的问题</source>
        <translation>Click to see the problems the data check found</translation>
    </message>
    <message>
        <source>数据完整性检查完成，未发现问题。</source>
        <translation>Data check finished: no problems found.</translation>
    </message>
    <message>
        <source>⚠ 数据检查发现 {count} 个问题</source>
        <translation>⚠ The data check found {count} problem(s)</translation>
    </message>
    <message>
        <source>数据完整性检查没有完成。</source>
        <translation>The data check did not finish.</translation>
    </message>
    <message>
        <source>⚠ 数据完整性检查没有完成</source>
        <translation>⚠ The data check did not finish</translation>
    </message>
    <message>
        <source>数据检查发现问题</source>
        <translation>Data Check Found Problems</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
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
        <source>关于互助保障柜台</source>
        <translation>About Mutual-Aid Counter</translation>
    </message>
    <message>
        <source>&lt;h3&gt;互助保障柜台 {version}&lt;/h3&gt;&lt;p&gt;职工互助保障（工会二次报销）柜台业务软件。&lt;/p&gt;&lt;p&gt;许可：Apache-2.0。内嵌字体：文泉驿微米黑（Apache-2.0）。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mutual-Aid Counter {version}&lt;/h3&gt;&lt;p&gt;Counter software for the trade-union mutual-aid health plan (second reimbursement).&lt;/p&gt;&lt;p&gt;Licence: Apache-2.0. Embedded font: WenQuanYi Micro Hei (Apache-2.0).&lt;/p&gt;</translation>
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
        <source>恢复后，这次备份之后录入的业务需要重新录入。损坏的文件会保留，不会删除。</source>
        <translation>After restoring, whatever was entered after this backup must be entered again. The damaged file is kept, not deleted.</translation>
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
</context>
<context>
    <name>app</name>
    <message>
        <source>互助保障柜台</source>
        <translation>Mutual-Aid Counter</translation>
    </message>
</context>
</TS>
