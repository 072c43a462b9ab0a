"""Guides for mail programs: menu paths and labels, English here, Japanese in the catalog.

Labels come from the vendors' help, their translation files and Japanese ISPs'
setup pages; each guide lists them all, and subscribers see only the vendor's
own help. Labels no source confirmed are listed in ``unconfirmed_labels``.
Where a program hides a setting, a note says so.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..core.answers import Client
from ..core.cases import Change
from ..core.isp import Security
from .model import CHANGES_IN_A_PROGRAM, Guide, Note, Source, Step, official, when

SERVER = when(Change.SERVER)
PORT = when(Change.PORT)
AUTH_ON = when(Change.AUTH_ON)
LOGIN = when(Change.LOGIN)
# The steps that enter the user name also serve a new server's own account.
AUTH_ON_OR_LOGIN = when(Change.AUTH_ON, Change.LOGIN)
AUTH_OFF = when(Change.AUTH_OFF)
ANY = CHANGES_IN_A_PROGRAM

OUTLOOK = Guide(
    client=Client.OUTLOOK,
    steps=(
        Step(
            _(
                "Choose “File” → “Account Settings” → “Account Settings…”, select your "
                "e-mail account and click “Change…”."
            ),
            ANY,
        ),
        Step(_("In “Outgoing mail server (SMTP)”, enter %(server)s."), SERVER),
        Step(_("Click “More Settings…”."), PORT | AUTH_ON | AUTH_OFF | LOGIN),
        Step(
            _(
                "On the “Outgoing Server” tab, tick “My outgoing server (SMTP) requires "
                "authentication” and choose “Use same settings as my incoming mail server”."
            ),
            AUTH_ON,
            unless=LOGIN,
        ),
        Step(
            _(
                "On the “Outgoing Server” tab, tick “My outgoing server (SMTP) requires "
                "authentication”, choose “Log on using” and enter %(username)s."
            ),
            LOGIN,
        ),
        Step(
            _(
                "On the “Outgoing Server” tab, untick “My outgoing server (SMTP) requires "
                "authentication”."
            ),
            AUTH_OFF,
        ),
        Step(
            _(
                "On the “Advanced” tab, under “Server Port Numbers”, set “Outgoing server "
                "(SMTP)” to %(port)s and “Use the following type of encrypted connection” "
                "to %(security)s."
            ),
            PORT,
        ),
        Step(
            _(
                "Click “OK”, then “Next”. Outlook sends a test message; when the tests "
                "succeed, click “Close” and “Done”."
            ),
            ANY,
        ),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS” (older versions: “TLS”)"),
        Security.SSL: _("“SSL/TLS” (older versions: “SSL”)"),
    },
    lookup_port=_(
        "File → Account Settings → Account Settings… → choose the account → Change → "
        "More Settings… → Advanced tab: the number next to “Outgoing server (SMTP)”."
    ),
    lookup_auth=_(
        "File → Account Settings → Account Settings… → choose the account → Change → "
        "More Settings… → Outgoing Server tab: check whether “My outgoing server (SMTP) "
        "requires authentication” is ticked."
    ),
    all_notes=(
        Note(
            _(
                "In “Use the following type of encrypted connection”, choose %(security)s: "
                "with another type, Outlook may not connect."
            ),
            PORT,
        ),
        Note(
            _(
                "If “File” → “Account Settings” offers “Server Settings” instead (newer "
                "Microsoft 365 versions, for IMAP accounts), make the same changes under "
                "“Outgoing mail” in that window."
            ),
            ANY,
        ),
    ),
    unconfirmed_labels=(
        _(
            "「次のアカウントとパスワードでログオンする」 (“Log on using”, for a new server's own account): not confirmed from a Japanese screen."
        ),
        _(
            "「送信サーバー」タブ・「送信サーバー (SMTP) は認証が必要」・「受信メール サーバーと同じ設定を使用する」: no stored source shows the current Microsoft 365 dialog in Japanese."
        ),
        _(
            "「サーバーの設定」・「送信メール」 (the newer IMAP window, “Server Settings” / “Outgoing mail”): not confirmed by any source."
        ),
    ),
    all_sources=(
        official(
            "https://support.microsoft.com/en-us/office/pop-and-imap-email-settings-for-outlook-8361e398-8af4-4e97-b147-6c6c4ac95353",
            "Microsoft Support: POP and IMAP email settings for Outlook",
            "en",
        ),
        # The same article in Microsoft's Japanese locale (its address is the article's ID).
        official(
            "https://support.microsoft.com/ja-jp/office/8361e398-8af4-4e97-b147-6c6c4ac95353",
            "Microsoft サポート：Outlook の POP と IMAP のメール設定",
            "ja",
        ),
        official(
            "https://support.microsoft.com/en-us/office/change-or-update-email-account-settings-in-outlook-for-windows-560a9065-3c3a-4ec5-a24f-cdb9a8d622a2",
            "Microsoft Support: Change or update email account settings in Outlook for Windows",
            "en",
        ),
        official(
            "https://support.microsoft.com/ja-jp/office/560a9065-3c3a-4ec5-a24f-cdb9a8d622a2",
            "Microsoft サポート：Outlook for Windows でメール アカウントの設定を変更する",
            "ja",
        ),
        Source(
            "https://gadget.awaisora.com/?p=41007",
            "「ファイル」→「アカウント設定」→「アカウント設定」→「変更」→「詳細設定」",
            "ja",
        ),
        Source(
            "https://it.sorayori.com/gmailsetting",
            "「サーバーのポート番号」「使用する暗号化接続の種類」と暗号化の種類が合わないときのエラー",
            "ja",
        ),
        Source(
            "https://www.xserver.ne.jp/manual/man_mail_setting_ol.php",
            "エックスサーバー: Outlook の設定（送信サーバー (SMTP) は認証が必要、サーバーのポート番号）",
            "ja",
        ),
        Source(
            "https://github.com/ovh/docs/blob/develop/pages/web_cloud/email_and_collaborative_solutions/email_pro/how_to_configure_outlook_2016/guide.en-gb.md",
            "OVHcloud: configure an account in classic Outlook (More settings, Outgoing Server, Advanced)",
            "en",
        ),
        Source(
            "https://github.com/MicrosoftDocs/office-developer-client-docs/blob/main/docs/outlook/auxiliary/prop_smtp_secure_connection.md",
            "PROP_SMTP_SECURE_CONNECTION (Outlook encryption types)",
            "en",
        ),
    ),
)

OUTLOOK_NEW = Guide(
    client=Client.OUTLOOK_NEW,
    steps=(
        Step(
            _(
                "The new Outlook cannot change the server settings of an account it has "
                "already added: you remove the account and add it again."
            ),
            ANY,
        ),
        Step(
            _(
                "Open “Settings” (the gear icon) → “Accounts”, click “Manage” next to the "
                "account, then “Delete”."
            ),
            ANY,
        ),
        Step(
            _(
                "Choose “Add an account”, enter your e-mail address and click “Continue”; "
                "choose IMAP or POP and open “Show more”."
            ),
            ANY,
        ),
        Step(
            _(
                "In the outgoing server section, enter %(server)s in “SMTP outgoing server” "
                "and %(port)s in “Port”, and choose %(security)s for “Secure connection type”."
            ),
            ANY,
        ),
        Step(_("Enter “SMTP username” and the password: %(username)s."), ANY),
        Step(_("Click “Continue” and send yourself a test message."), ANY),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    lookup_port=_(
        "The new Outlook shows the outgoing port only when an IMAP or POP account is "
        "added (Settings → Accounts → Email accounts → Add account → Show more)."
    ),
    lookup_auth=_(
        "The new Outlook always logs in to the outgoing server with the account's "
        "user name and password, so choose “Yes”."
    ),
    all_notes=(
        Note(
            _(
                "The new Outlook sends through Microsoft's servers, so if your provider refuses "
                "logins from abroad, sending can fail even with the right settings. The classic "
                "Outlook and Thunderbird send directly from your computer."
            )
        ),
    ),
    unconfirmed_labels=(
        _(
            "「設定」・「アカウント」・「管理」・「削除」・「アカウントを追加」・「さらに表示」・「SMTP 送信サーバー」・「ポート」・「セキュリティで保護された接続の種類」・「SMTP ユーザー名」: no stored source shows the new Outlook's Japanese screens. Where the gear is (probably top right) is left out of the step."
        ),
    ),
    all_sources=(
        official(
            "https://support.microsoft.com/en-us/office/pop-and-imap-email-settings-for-outlook-8361e398-8af4-4e97-b147-6c6c4ac95353",
            "Microsoft Support: POP and IMAP email settings for Outlook",
            "en",
        ),
        # The same article in Microsoft's Japanese locale (its address is the article's ID).
        official(
            "https://support.microsoft.com/ja-jp/office/8361e398-8af4-4e97-b147-6c6c4ac95353",
            "Microsoft サポート：Outlook の POP と IMAP のメール設定",
            "ja",
        ),
        Source(
            "https://learn.microsoft.com/en-us/microsoft-365-apps/outlook/get-started/supported-account-types",
            "Account types supported in the new Outlook for Windows",
            "en",
        ),
        Source(
            "https://github.com/ovh/docs/blob/develop/pages/web_cloud/email_and_collaborative_solutions/email_pro/how_to_configure_windows_10/guide.en-gb.md",
            "OVHcloud: configure an account in the new Outlook (Show more, SMTP, delete and re-add)",
            "en",
        ),
    ),
)

THUNDERBIRD = Guide(
    client=Client.THUNDERBIRD,
    steps=(
        Step(_("Open the ≡ menu → “Account Settings”."), ANY),
        Step(
            _(
                "At the bottom of the list on the left, click “Outgoing Server (SMTP)” "
                "(Thunderbird 140 and later: “Outgoing Server”), select the server your account uses "
                "and click “Edit…”."
            ),
            ANY,
        ),
        Step(_("In “Server Name”, enter %(server)s."), SERVER),
        Step(
            _(
                "Set “Connection security” to %(security)s, then “Port” to %(port)s. "
                "Changing the connection security can change the port, so check it again."
            ),
            PORT,
        ),
        Step(
            _("Set “Authentication method” to %(password_method)s and “User Name” to %(login)s."),
            AUTH_ON_OR_LOGIN,
        ),
        Step(_("Set “Authentication method” to “No authentication”."), AUTH_OFF),
        Step(_("Click “OK”."), ANY),
        Step(_("The first time you send, Thunderbird asks for the password."), AUTH_ON_OR_LOGIN),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    password_method={
        Security.NONE: _("“Password, transmitted insecurely”"),
        Security.STARTTLS: _("“Normal password”"),
        Security.SSL: _("“Normal password”"),
    },
    lookup_port=_(
        "≡ menu → Account Settings → “Outgoing Server (SMTP)” (Thunderbird 140 and later: "
        "“Outgoing Server”) at the bottom of the list → choose the server → Edit…: “Port”."
    ),
    lookup_auth=_(
        "≡ menu → Account Settings → “Outgoing Server (SMTP)” (Thunderbird 140 and later: "
        "“Outgoing Server”) at the bottom of the list → choose the server → Edit…: "
        "“Authentication method”. “No authentication” means it is off."
    ),
    all_notes=(
        Note(
            _(
                "All your accounts share one list of outgoing servers: if several accounts use "
                "this server, the change applies to all of them."
            )
        ),
    ),
    all_sources=(
        official(
            "https://support.mozilla.org/ja/kb/automatic-account-configuration",
            "Mozilla サポート：Thunderbird の自動アカウント設定",
            "ja",
        ),
        official(
            "https://support.mozilla.org/en-US/kb/manual-account-configuration",
            "Mozilla Support: Manual account configuration in Thunderbird",
            "en",
        ),
        Source(
            "https://github.com/mozilla/releases-comm-central/blob/master/mail/locales/en-US/chrome/messenger/smtpEditOverlay.dtd",
            "Thunderbird SMTP server dialog strings (en-US)",
            "en",
        ),
        Source(
            "https://github.com/mozilla-japan/gecko-l10n/blob/master/ja/mail/chrome/messenger/smtpEditOverlay.dtd",
            "Thunderbird 送信 (SMTP) サーバー ダイアログの日本語文字列",
            "ja",
        ),
        Source(
            "https://github.com/mozilla-japan/gecko-l10n/blob/master/ja/mail/messenger/accountManager.ftl",
            "Thunderbird アカウント設定の日本語文字列（送信サーバー）",
            "ja",
        ),
    ),
)

APPLE_MAIL = Guide(
    client=Client.APPLE_MAIL,
    steps=(
        Step(
            _(
                "Choose “Mail” → “Settings…” (older macOS: “Preferences…”) → “Accounts”, "
                "select your account and click “Server Settings”."
            ),
            ANY,
        ),
        Step(
            _("Under “Outgoing Mail Server (SMTP)”, enter %(server)s as “Host Name”."),
            SERVER,
        ),
        Step(
            _(
                "Untick “Automatically manage connection settings”, then set “Port” to "
                "%(port)s and %(security)s."
            ),
            PORT | AUTH_ON | AUTH_OFF,
        ),
        Step(
            _(
                "In the outgoing server's “User Name” and “Password”, enter %(username)s, and "
                "set “Authentication” to “Password”."
            ),
            AUTH_ON_OR_LOGIN,
        ),
        Step(_("Set “Authentication” to “None”."), AUTH_OFF),
        Step(_("Click “Save”."), ANY),
    ),
    security={
        Security.NONE: _("untick “Use TLS/SSL”"),
        Security.STARTTLS: _("tick “Use TLS/SSL”"),
        Security.SSL: _("tick “Use TLS/SSL”"),
    },
    lookup_port=_(
        "Mail → Settings… → Accounts → your account → Server Settings: under Outgoing "
        "Mail Server (SMTP), untick “Automatically manage connection settings” to "
        "see the “Port”."
    ),
    lookup_auth=_(
        "Mail → Settings… → Accounts → your account → Server Settings: under Outgoing "
        "Mail Server (SMTP), untick “Automatically manage connection settings” to see "
        "“Authentication”. “None” means it is off."
    ),
    all_notes=(
        Note(
            _(
                "While “Automatically manage connection settings” is ticked, Mail hides the port "
                "and quietly tries others."
            )
        ),
        Note(
            _(
                "If “Use TLS/SSL” is unticked, Mail may also need “Allow insecure "
                "authentication” ticked under “Advanced”."
            ),
            AUTH_ON | PORT,
            unless=AUTH_OFF,
        ),
    ),
    unconfirmed_labels=(
        _(
            "「送信用メールサーバ (SMTP)」・「ホスト名」・「ポート」・「TLS/SSLを使用」・「詳細」・「安全でない認証を許可」・「保存」: Apple's Japanese help found covers only 「サーバ設定」「接続設定を自動的に管理」 and the authentication names."
        ),
        _(
            "「メール」→「設定…」 (macOS 13 and later): Apple's Japanese article shows the older 「環境設定」."
        ),
    ),
    all_sources=(
        official(
            "https://support.apple.com/guide/mail/change-outgoing-server-settings-cpmlprefsmtpserver/mac",
            "Change outgoing server settings in Mail on Mac",
            "en",
        ),
        official(
            "https://support.apple.com/guide/mail/cpmlprefacctadv/mac",
            "Mail settings: Advanced (Allow insecure authentication)",
            "en",
        ),
        official(
            "https://support.apple.com/ja-jp/HT204208",
            "Mac のメールで「接続設定を自動的に管理」を使う",
            "ja",
        ),
    ),
)

IOS_MAIL = Guide(
    client=Client.IOS_MAIL,
    steps=(
        Step(
            _(
                "Open “Settings” → “Apps” → “Mail” → “Mail Accounts” (iOS 17 and earlier: "
                "“Settings” → “Mail” → “Accounts”) and tap your account."
            ),
            ANY,
        ),
        Step(
            _(
                "Tap “Account”, then “SMTP” under “Outgoing Mail Server”, then the server "
                "name shown under “Primary Server”."
            ),
            ANY,
        ),
        Step(_("In “Host Name”, enter %(server)s."), SERVER),
        Step(
            _(
                "In “User Name” and “Password”, enter %(username)s, and set “Authentication” to "
                "“Password”."
            ),
            AUTH_ON_OR_LOGIN,
        ),
        Step(
            _("Tap “Authentication”, choose “None”, and leave “User Name” and “Password” empty."),
            AUTH_OFF,
        ),
        Step(
            _(
                "First %(security)s, then set “Server Port” to %(port)s: switching SSL "
                "changes the port."
            ),
            PORT,
        ),
        Step(_("Tap “Done”, then go back and tap “Done” again."), ANY),
    ),
    security={
        Security.NONE: _("turn “Use SSL” off"),
        Security.STARTTLS: _("turn “Use SSL” on"),
        Security.SSL: _("turn “Use SSL” on"),
    },
    lookup_port=_(
        "Settings → Apps → Mail → Mail Accounts (iOS 17 and earlier: Settings → Mail → "
        "Accounts) → your account → Account → SMTP → the primary server: “Server Port”."
    ),
    lookup_auth=_(
        "Settings → Apps → Mail → Mail Accounts (iOS 17 and earlier: Settings → Mail → "
        "Accounts) → your account → Account → SMTP → the primary server: "
        "“Authentication”. “None” means it is off; when it is on, the user name and "
        "password must also be filled in."
    ),
    all_notes=(
        Note(
            _(
                "If the outgoing server's user name and password are left empty, sending fails "
                "with an authentication error."
            ),
            AUTH_ON,
            unless=AUTH_OFF,
        ),
    ),
    unconfirmed_labels=(
        _(
            "「送信メールサーバ」・「SMTP」・「プライマリサーバ」・「ホスト名」・「ユーザ名」・「サーバポート」・「認証」・「完了」: no stored page shows these iOS 17/18 screens (「設定」→「アプリ」→「メール」→「メールアカウント」 and 「SSLを使用」 are confirmed)."
        ),
    ),
    all_sources=(
        official(
            "https://support.apple.com/ja-jp/102619",
            "Apple サポート：iPhone・iPad のメールアカウント",
            "ja",
        ),
        official(
            "https://support.apple.com/en-us/102619",
            "Apple Support: Add an email account to your iPhone or iPad",
            "en",
        ),
        Source(
            "https://tslro.com/apps/xczms/ipados-18demeeruakauntowotsuika-sakujo-setteisuruhou.html",
            "iPadOS 18:「設定」→「アプリ」→「メール」→「メールアカウント」",
            "ja",
        ),
        Source(
            "https://prod-news.global.ssl.fastly.net/article/20230331-iphone_why",
            "iPhone のメール:「SSLを使用」",
            "ja",
        ),
        Source(
            "https://support.biglobe.ne.jp/settei/mailer/smtp.html",
            "BIGLOBE: SMTP認証の設定（iPhone・iPad の送信メールサーバ）",
            "ja",
        ),
        Source(
            "https://www.xserver.ne.jp/manual/man_mail_setting_iphone.php",
            "エックスサーバー: iPhone のメール設定（送信メールサーバ、SMTP、プライマリサーバ、認証）",
            "ja",
        ),
        Source(
            "https://olympus.net/help-center/email-help/ios/ios14/change-settings/",
            "iOS Mail: change the outgoing server (SMTP, Primary Server)",
            "en",
        ),
    ),
)

ANDROID_GMAIL = Guide(
    client=Client.ANDROID_GMAIL,
    steps=(
        Step(_("In the Gmail app, tap ☰ → “Settings”, then your account."), ANY),
        Step(
            _(
                "Under “Server settings”, tap “Outgoing settings” (on some versions: "
                "“Outgoing server settings”)."
            ),
            ANY,
        ),
        Step(_("In “SMTP server”, enter %(server)s."), SERVER),
        Step(
            _(
                "First set “Security type” to %(security)s, then set “Port” to %(port)s "
                "(changing the security type resets the port)."
            ),
            PORT,
        ),
        Step(
            _("Tick “Require sign-in” and, in “Username” and “Password”, enter %(username)s."),
            AUTH_ON_OR_LOGIN,
        ),
        Step(_("Untick “Require sign-in”."), AUTH_OFF),
        Step(_("Tap “Next”: the app checks the settings before it saves them."), ANY),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    lookup_port=_(
        "The Gmail app shows the outgoing port only for IMAP or POP accounts: ☰ → "
        "Settings → your account → Server settings → Outgoing settings: “Port”."
    ),
    lookup_auth=_(
        "☰ → Settings → your account → Server settings → Outgoing settings: check whether "
        "“Require sign-in” is ticked."
    ),
    all_notes=(
        Note(
            _(
                "The Gmail app lets you change outgoing settings only for accounts added as IMAP "
                "or POP (“Other”). Gmail and Outlook.com accounts have none to change."
            )
        ),
        Note(
            _(
                "Do not choose a security type marked “(Accept all certificates)”: it is not safe, "
                "because the app then trusts any server's certificate."
            )
        ),
    ),
    unconfirmed_labels=(
        _(
            "「サーバー設定」→「送信設定」: the Gmail app is closed source and no stored page shows this screen; its ancestor, Android's Email app, says 「送信サーバーの設定」, so the step names both."
        ),
        _(
            "「SMTPサーバー」「ポート」「セキュリティの種類」「ログインが必要」「ユーザー名」「パスワード」「次へ」「（証明書をすべて承認）」: confirmed only in the Android Email app's strings."
        ),
    ),
    all_sources=(
        official(
            "https://support.google.com/mail/answer/6078445?hl=ja&co=GENIE.Platform%3DAndroid",
            "Gmail ヘルプ：Gmail アプリに他のメールアカウントを追加する",
            "ja",
        ),
        official(
            "https://support.google.com/mail/answer/6078445?hl=en&co=GENIE.Platform%3DAndroid",
            "Gmail Help: Add other email accounts to the Gmail app",
            "en",
        ),
        Source(
            "https://support.biglobe.ne.jp/settei/mailer/smtp.html",
            "BIGLOBE: SMTP認証の設定（Android の送信サーバーの設定・ログインが必要）",
            "ja",
        ),
        Source(
            "https://github.com/aosp-mirror/platform_packages_apps_email/blob/master/res/values-ja/strings.xml",
            "Android Email（Gmail の IMAP/POP 設定の元）: 送信サーバーの設定、セキュリティの種類、ログインが必要",
            "ja",
        ),
        Source(
            "https://github.com/ovh/docs/blob/develop/pages/web_cloud/email_and_collaborative_solutions/mx_plan/how_to_configure_android/guide.en-gb.md",
            "OVHcloud: configure an e-mail account in the Gmail app on Android",
            "en",
        ),
    ),
)

BECKY = Guide(
    client=Client.BECKY,
    steps=(
        Step(_("Choose “Tools” → “Mailbox Settings…”."), ANY),
        Step(_("On the “Basic” tab, enter %(server)s in “SMTP server”."), SERVER),
        Step(
            _(
                "On the “Advanced” tab, under “Server port numbers”, set “SMTP” to %(port)s; "
                "on the “Basic” tab, %(security)s."
            ),
            PORT,
        ),
        Step(
            _(
                "On the “Advanced” tab, tick “SMTP authentication” and enter %(username)s "
                "in “User ID” and “Password”."
            ),
            AUTH_ON_OR_LOGIN,
        ),
        Step(_("On the “Advanced” tab, untick “SMTP authentication”."), AUTH_OFF),
        Step(_("Click “OK”."), ANY),
    ),
    security={
        Security.NONE: _("leave “SMTPS” unticked"),
        Security.STARTTLS: _("leave “SMTPS” unticked"),
        Security.SSL: _("tick “SMTPS” (it offers to change the port to 465: answer “Yes”)"),
    },
    lookup_port=_(
        "Tools → Mailbox Settings → Advanced tab → Server port numbers: the number next to “SMTP”."
    ),
    lookup_auth=_(
        "Tools → Mailbox Settings → Advanced tab: check whether “SMTP authentication” is ticked."
    ),
    all_sources=(
        official(
            "https://www.rimarts.co.jp/becky-j.htm",
            "RimArts: Becky! Internet Mail",
            "ja",
        ),
        official("https://www.rimarts.co.jp/becky.htm", "RimArts: Becky! Internet Mail", "en"),
        Source(
            "https://support.biglobe.ne.jp/settei/mailer/smtp.html",
            "BIGLOBE: SMTP認証の設定（Becky! Internet Mail）",
            "ja",
        ),
        Source(
            "https://www.xserver.ne.jp/manual/man_mail_setting_becky.php",
            "エックスサーバー: Becky! Internet Mail の設定（サーバーのポート番号、SMTP認証、SMTPS）",
            "ja",
        ),
    ),
    all_notes=(
        Note(
            _(
                "The “OP25B” box on Becky!'s “Basic” tab switches the SMTP port to 587: tick "
                "it only where the settings above give port 587."
            )
        ),
    ),
    unconfirmed_labels=(
        _(
            "「詳細」タブの「サーバーのポート番号」「SMTP」, 「基本設定」タブの「SMTPS」「OP25B」 and the English labels: no stored source shows Becky! 2's dialog (「ツール」→「メールボックスの設定」→「詳細」→「SMTP認証」「ユーザーID」「パスワード」 are confirmed by BIGLOBE). The unconfirmed 「ESMTPを使用」「POP before SMTPを使用」 were taken out of the steps."
        ),
    ),
)

WINDOWS_LIVE_MAIL = Guide(
    client=Client.WINDOWS_LIVE_MAIL,
    steps=(
        Step(
            _(
                "On the “Accounts” tab, click “Properties” (or right-click the account → "
                "“Properties”)."
            ),
            ANY,
        ),
        Step(_("On the “Servers” tab, enter %(server)s in “Outgoing mail (SMTP)”."), SERVER),
        Step(
            _(
                "On the “Servers” tab, tick “My server requires authentication”, click "
                "“Settings…” and choose “Use same settings as my incoming mail server”."
            ),
            AUTH_ON,
            unless=LOGIN,
        ),
        Step(
            _(
                "On the “Servers” tab, tick “My server requires authentication”, click "
                "“Settings…”, choose “Log on using” and enter %(username)s."
            ),
            LOGIN,
        ),
        Step(_("On the “Servers” tab, untick “My server requires authentication”."), AUTH_OFF),
        Step(
            _("On the “Advanced” tab, set “Outgoing mail (SMTP)” to %(port)s and %(security)s."),
            PORT,
        ),
        Step(_("Click “OK”."), ANY),
    ),
    security={
        Security.NONE: _("untick “This server requires a secure connection (SSL)”"),
        Security.STARTTLS: _("tick “This server requires a secure connection (SSL)”"),
        Security.SSL: _("tick “This server requires a secure connection (SSL)”"),
    },
    lookup_port=_(
        "Accounts tab → Properties → Advanced tab: the number next to “Outgoing mail (SMTP)”."
    ),
    lookup_auth=_(
        "Accounts tab → Properties → Servers tab: check whether “My server requires "
        "authentication” is ticked."
    ),
    all_notes=(
        Note(
            _(
                "Microsoft stopped supporting Windows Live Mail in 2017; servers that require "
                "modern encryption may refuse it."
            )
        ),
    ),
    unconfirmed_labels=(
        _(
            "「次のアカウントでログオンする」 in the outgoing server's “Settings…” (“Log on using”): not confirmed from a Japanese screen."
        ),
        _(
            "English labels: no Microsoft page for Windows Live Mail was found (the Japanese labels are confirmed by the reference sources)."
        ),
    ),
    all_sources=(
        Source("https://www.ktarn.jp/setup/wlm-del/", "Windows Live Mail のプロパティ", "ja"),
        Source(
            "http://pc.sekaiheiwa.com/trouble1/windows7-mail/",
            "Windows Live メール:「サーバー」タブ「このサーバーは認証が必要」",
            "ja",
        ),
        Source(
            "https://help.onamae.com/answer/9537",
            "Windows Live Mail: このサーバーはセキュリティで保護された接続(SSL)が必要",
            "ja",
        ),
        Source(
            "http://www.nifty.com/mail/mailer/smtp_auth.htm",
            "@nifty: 送信メールサーバーの認証が必要（Windows Live メール）",
            "ja",
        ),
    ),
)

OUTLOOK_EXPRESS = Guide(
    client=Client.OUTLOOK_EXPRESS,
    steps=(
        Step(
            _(
                "Choose “Tools” → “Accounts…”, open the “Mail” tab, select the account and "
                "click “Properties”."
            ),
            ANY,
        ),
        Step(_("On the “Servers” tab, enter %(server)s in “Outgoing mail (SMTP)”."), SERVER),
        Step(
            _(
                "On the “Servers” tab, under “Outgoing Mail Server”, tick “My server requires "
                "authentication”."
            ),
            AUTH_ON,
            unless=LOGIN,
        ),
        Step(
            _(
                "On the “Servers” tab, under “Outgoing Mail Server”, tick “My server requires "
                "authentication”, click “Settings…”, choose “Log on using” and enter "
                "%(username)s."
            ),
            LOGIN,
        ),
        Step(
            _(
                "On the “Servers” tab, under “Outgoing Mail Server”, untick “My server "
                "requires authentication”."
            ),
            AUTH_OFF,
        ),
        Step(
            _(
                "On the “Advanced” tab, under “Server Port Numbers”, enter %(port)s in "
                "“Outgoing mail (SMTP)” and %(security)s."
            ),
            PORT,
        ),
        Step(_("Click “OK”, then “Close”."), ANY),
    ),
    security={
        Security.NONE: _("leave “This server requires a secure connection (SSL)” unticked"),
        Security.STARTTLS: _("tick “This server requires a secure connection (SSL)”"),
        Security.SSL: _("tick “This server requires a secure connection (SSL)”"),
    },
    lookup_port=_(
        "Tools → Accounts → Mail tab → Properties → Advanced tab → Server Port "
        "Numbers: “Outgoing mail (SMTP)”."
    ),
    lookup_auth=_(
        "Tools → Accounts → Mail tab → Properties → Servers tab → Outgoing Mail "
        "Server: check whether “My server requires authentication” is ticked."
    ),
    all_notes=(
        Note(_("These are the steps of the ISP's notice, which was written for Outlook Express.")),
        Note(
            _(
                "The ISP's notice names this box slightly differently; in Outlook Express it "
                "is “My server requires authentication” on the “Servers” tab."
            ),
            AUTH_ON | AUTH_OFF,
        ),
        Note(
            _(
                "Outlook Express knows only old encryption, so servers that require modern "
                "encryption refuse it. A current mail program is safer."
            )
        ),
    ),
    unconfirmed_labels=(
        _(
            "「次のアカウントでログオンする」 in the outgoing server's “Settings…” (“Log on using”): not confirmed from a Japanese screen."
        ),
        _(
            "「このサーバーは認証が必要」: no stored page shows Outlook Express 6 in Japanese; the label is Windows Live Mail's, which kept the same dialog (the notice's 「このサーバーには認証が必要」 is taken as its typo)."
        ),
    ),
    all_sources=(
        Source(
            "https://megalodon.jp/ref/2012-0219-0930-49/www.plala.or.jp/support/manual/mail/plala_mail/submission",
            "ぷらら: サブミッションポート(port587)とSMTP AUTHの標準提供について",
            "ja",
        ),
        Source(
            "https://atmarkit.itmedia.co.jp/fwin2k/win2ktips/798submssn/submssn.html",
            "@IT: Outlook Express でサブミッション・ポートを使う",
            "ja",
        ),
    ),
)

OTHER_PROGRAM = Guide(
    client=Client.OTHER,
    steps=(
        Step(
            _(
                "Open your mail program's account settings and find the outgoing mail server "
                "(SMTP). It is often under “Advanced” or “Server settings”."
            ),
            ANY,
        ),
        Step(_("Set the outgoing server name to %(server)s."), SERVER),
        Step(_("Set the port to %(port)s and the connection security to %(security)s."), PORT),
        Step(
            _(
                "Turn on the option that says the outgoing server requires authentication "
                "(also called “SMTP authentication” or “requires sign-in”) and enter "
                "%(username)s."
            ),
            AUTH_ON_OR_LOGIN,
        ),
        Step(_("Turn off authentication for the outgoing server."), AUTH_OFF),
        Step(_("Save, and send yourself a test message."), ANY),
    ),
    security={
        Security.NONE: _("“None”"),
        Security.STARTTLS: _("“STARTTLS”"),
        Security.SSL: _("“SSL/TLS”"),
    },
    lookup_port=_(
        "Open the account settings and look for the outgoing mail server (SMTP): the "
        "number beside it, or under “Advanced”, is the port."
    ),
    lookup_auth=_(
        "Near the outgoing server settings, look for “authentication”, “requires "
        "sign-in” or a user name for the outgoing server."
    ),
    all_sources=(
        official(
            "https://www.rfc-editor.org/rfc/rfc6409",
            "RFC 6409: Message Submission for Mail (port 587, authentication)",
            "en",
        ),
        official(
            "https://www.rfc-editor.org/rfc/rfc8314",
            "RFC 8314: Cleartext Considered Obsolete (STARTTLS and implicit TLS)",
            "en",
        ),
    ),
)

MAIL_PROGRAM_GUIDES: tuple[Guide, ...] = (
    OUTLOOK,
    OUTLOOK_NEW,
    THUNDERBIRD,
    APPLE_MAIL,
    IOS_MAIL,
    ANDROID_GMAIL,
    BECKY,
    WINDOWS_LIVE_MAIL,
    OUTLOOK_EXPRESS,
    OTHER_PROGRAM,
)
