# English. Keys mirror id/main.ftl.
site-description = A two-way information channel between the city government and citizens through Community Information Groups (KIM).
skip-to-content = Skip to content
footer-text = Simpul — the Community Information Group platform. Run by Diskominfo.
nav-label = Main navigation
nav-home = Home
nav-news = News
nav-write = Write
home-news-latest = Latest news
home-news-all = All news
nav-kim = KIM directory
nav-opd = Government units
nav-admin = Admin
nav-login = Sign in
nav-logout = Sign out
home-title = Home
home-heading = Citizen information, by citizens, for citizens
home-lead = Community Information Groups (KIM) in every kelurahan bridge information between the city government and citizens.
home-channels = Services
home-news = Development news
home-news-text = News written by KIM members and reviewed by the editors.
home-aspirations-text = Send aspirations, complaints or information requests to the right government unit.
home-hoax = Fact check
home-hoax-text = Forward a suspicious message and get the clarification that already exists.
home-training = Training
home-training-text = Technical training for KIM members: news writing, video editing and social-media content.
home-skm = Satisfaction survey
home-skm-text = Just served by an agency, a kelurahan or a KIM post? Rate the service in nine short anonymous questions and see its satisfaction index.
home-kim = Community Information Groups
home-kim-count = { $kim ->
    [one] { $kim } KIM group registered.
   *[other] { $kim } KIM groups registered.
}
home-opd-count = { $opd ->
    [one] { $opd } government unit registered.
   *[other] { $opd } government units registered.
}
home-kim-all = See all KIM groups
admin-title = Admin
admin-region-count = { $count ->
    [one] { $count } region.
   *[other] { $count } regions.
}
login-title = Sign in
login-submit = Sign in
login-forgot = Forgot your password?
login-register = Register a citizen account
login-citizen-note = Citizens do not need an account to read news or send aspirations.
login-invalid = Wrong e-mail or password.
login-locked = Too many sign-in attempts. Try again in 15 minutes.
login-unverified = Your e-mail address is not verified yet. Open the verification link we sent, or ask for a new link through "Forgot password".
account-title = My account
account-roles = Roles
account-no-roles = Citizen account (no staff role).
password-title = Change password
password-changed = Your password has been changed.
password-rules = At least 10 characters. Use a phrase that is easy for you to remember and hard to guess.
forgot-title = Forgot password
forgot-intro = Enter your account's e-mail. If it is registered, we will send a link to choose a new password.
forgot-submit = Send link
forgot-sent = If that e-mail is registered, a link has been sent. Check your inbox (valid for 60 minutes).
reset-title = Choose a new password
register-title = Register a citizen account
register-intro = A resident account keeps your reports and fact-check messages in My reports, and fills the report form with your name and e-mail. Reading, reporting and checking messages work without an account too.
register-submit = Register
register-sent = Thank you. Check your e-mail and open the verification link to activate the account.
verify-title = E-mail verification
verify-done = Your e-mail address is verified. Please sign in.
setup-title = First-run setup
setup-intro = Create the first administrator account. This link works only once.
setup-submit = Create administrator
continue = Continue
save = Save
add = Add
edit = Edit
remove = Remove
search = Search
search-name = Search by name
all = All
choose = Choose…
actions = Actions
form-required = required
form-has-errors = Some fields need attention. See the message under each field.
field-name = Name
field-name-new = Name (for someone without an account)
field-email = E-mail
field-password = Password
field-current-password = Current password
field-new-password = New password
field-password-confirm = Repeat password
field-level = Level
field-region = Region
field-kecamatan = Kecamatan
field-sk = Decree (SK) number
field-sk-date = Decree (SK) date
field-address = Address
field-phone = Phone
field-website = Website
field-facebook = Facebook
field-instagram = Instagram
field-youtube = YouTube
field-tiktok = TikTok
field-ketua = Chair
field-sekretaris = Secretary
field-bendahara = Treasurer
field-role = Role
field-kim-scope = KIM (for editors and members)
field-opd-scope = Government unit (for OPD officers)
field-short-name = Short name
field-categories = Categories handled
field-scope = Scope
role-admin = Diskominfo admin
role-redaksi = Editor (Redaksi)
role-anggota = KIM member
role-petugas_opd = OPD officer
role-dpo = Data protection officer
scope-city = City desk
level-kelurahan = Kelurahan
level-kecamatan = Kecamatan
level-kota = City
kim-directory-title = KIM directory
kim-directory-intro = Registered Community Information Groups, by kelurahan and kecamatan.
kim-none = No matching KIM groups yet.
kim-members = Members
kim-members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
kim-news = News from this group
kim-officers = Officers
kim-social = Social media
kim-legal = Legal basis
kim-contact = Contact
kim-admin-title = Manage KIM groups
kim-new-title = Add a KIM group
kim-edit-title = Edit KIM group
kim-members-title = Members
kim-no-regions = No regions yet. The server administrator loads them with: simpul regions import FILE.csv
kim-no-members = No members yet.
kim-add-member = Add a member
kim-add-member-hint = Enter the e-mail. If the person has no account yet, also give their name; we will send a link to choose a password.
opd-title = Government units
opd-intro = Government units that receive and answer citizens' aspirations.
opd-none = No government units yet.
opd-handles = Handles
opd-admin-title = Manage government units
opd-new-title = Add a government unit
opd-edit-title = Edit government unit
opd-categories-hint = One category per line, for example "Damaged roads".
regions-title = Regions
regions-intro = Regions are loaded from a CSV file with simpul regions import. Enter the official Kemendagri codes from the official list; do not guess.
regions-none = No regions yet. Load them with: simpul regions import FILE.csv
field-code = Kemendagri code
err-code-kota = A kota/kabupaten code looks like 00.00 (for example 36.72).
err-code-kecamatan = A kecamatan code looks like 00.00.00.
err-code-kelurahan = A kelurahan/desa code looks like 00.00.00.0000.
err-code-parent = The code must begin with its parent region's code.
err-code-taken = Another region already has this code.
flash-code-saved = Region code saved.
categories-title = News categories
categories-edit-title = Edit category
categories-new = Add a category
categories-intro = Categories for news written by KIM members. A category keeps its address when it is renamed.
categories-description-hint = Optional. Shown on the category page.
categories-slug-stays = Renaming does not change the category page's address.
categories-delete = Delete this category
field-description = Description
flash-category-created = Category added.
err-name-taken = This name is already used.
err-name-letters = The name must contain letters or digits.
media-title = My media
media-intro = Upload photos for news. Every photo is saved again without location (GPS) and camera data, in several sizes so it opens quickly on phones.
media-file-hint = JPEG, PNG or WebP, at most { $mb } MB.
media-alt-hint = Describe the photo for readers who cannot see it, for example "Residents clean the drains together".
media-upload = Upload
media-mine = Uploaded photos
media-markdown = Copy into a news text
field-image = Photo
field-alt = Photo description (alternative text)
flash-media-uploaded = Photo uploaded without location and camera data.
news-title = News
news-none = No news yet.
news-mine-title = My articles
news-mine-none = You have not written any articles yet.
news-new-title = Write a new article
news-queue-title = Editors' queue
news-queue-none = Nothing is waiting.
news-state = Status
news-state-draf = Draft
news-state-diajukan = Submitted to the editors
news-state-perlu_revisi = Changes requested
news-state-terjadwal = Scheduled
news-state-terbit = Published
news-state-diarsipkan = Archived
news-versions = { $count ->
    [one] { $count } saved version
   *[other] { $count } saved versions
}
news-view-public = View on the site
news-save = Save text
news-preview = Preview
news-actions = Next step
news-notes = Review notes
news-action-ajukan = Submit to the editors
news-action-minta_revisi = Request changes
news-action-terbitkan = Publish
news-action-jadwalkan = Schedule
news-action-batalkan_jadwal = Cancel schedule
news-action-terbit_terjadwal = Published as scheduled
news-action-arsipkan = Archive (take down)
news-lead-hint = One or two sentences summing up the story; shown in lists and when shared.
news-body-hint = Write in Markdown: ## for subheadings, **bold**, [links](https://…). Images from My media.
news-note-hint = Required when requesting changes; shown to the author and the editors.
news-by = by
news-editor = Editor
news-share = Share
news-copy-link = Copy the link
news-cover = Cover photo
news-cover-none = No photo
news-cover-hint = Upload photos first in My media.
field-cover = Photo
field-caption = Caption
field-credit = Photographer
news-photo = Photo
err-time = Enter the publication date and time.
err-time-past = The publication time must be in the future.
field-publish-at = Publication time
news-scheduled-for = Goes out at
news-publish-at-hint = Only for "Schedule".
field-video = Video link (YouTube, Vimeo or Facebook)
news-video-hint = Shown as a link; the player of the video site loads only when the reader chooses it.
news-watch = Watch the video on { $provider }
err-video = Only YouTube, Vimeo or Facebook video links.
field-tags = Tags
news-tags-hint = Separate with commas, for example: posyandu, imunisasi. At most 10.
err-tag = Each tag needs letters or digits and at most 40 characters.
news-related = Read also
field-title = Title
field-lead = Summary
field-body = Text
field-category = Category
field-news-scope = Published for
field-note = Note
flash-draft-saved = Text saved.
flash-news-diajukan = Submitted to the editors.
flash-news-perlu_revisi = Sent back to the author for changes.
flash-news-terbit = Published.
flash-news-diarsipkan = Taken down.
flash-news-terjadwal = Scheduled.
flash-news-draf = Back to draft.
err-note-needed = Write a note so the author knows what to change.
err-workflow-state = That step is not possible in the article's current state.
users-title = Users and roles
users-new = Add a staff account
users-new-hint = New accounts receive an e-mail with a link to choose a password.
users-list = Users
users-disabled = disabled
tokens-title = API tokens
tokens-create = Create token
tokens-created = Token created. Copy it now: it will not be shown again.
tokens-list = Existing tokens
tokens-revoke = Revoke
tokens-revoked = revoked
audit-title = Audit trail
audit-action = Action (prefix)
audit-entity = Data type
audit-entity-id = Data ID
audit-actor = Actor
audit-none = No matching events.
audit-request = request
audit-details = Details
audit-before = Before
audit-after = After
outbox-title = Mail outbox
outbox-intro = No mail server (SMTP) is configured, so mail is kept in the data folder as .eml files and shown here.
outbox-smtp = Mail is sent through SMTP.
outbox-none = No mail yet.
flash-saved = Changes saved.
flash-deleted = Deleted.
flash-kim-created = KIM group registered. Now add its members.
flash-opd-created = Government unit registered.
flash-member-added = Member added.
flash-member-exists = This person already holds that role in this group.
flash-member-removed = Member role revoked.
flash-user-created = Account created. Its owner gets an e-mail to choose a password.
flash-role-added = That account already existed; the role was added.
flash-role-revoked = Role revoked.
flash-user-disabled = Account disabled and all its sessions ended.
flash-user-enabled = Account enabled again.
flash-token-revoked = Token revoked; clients using it are refused from now on.
pager-label = Pages
pager-prev = Previous
pager-next = Next
pager-older = Older
error-code = Code:
error-back-home = Back to the home page
error-400-title = The request could not be processed
error-401-title = Sign-in needed
error-401-detail = Please sign in to open this page.
error-401-api-detail = The API token is missing, unknown or revoked. Send the header Authorization: Bearer <token>.
error-403-title = Access denied
error-403-detail = Your account is not allowed to do this.
error-404-title = Page not found
error-404-detail = The page you are looking for does not exist or has moved.
error-405-title = This address is not opened that way
error-405-detail = This address only accepts a submitted form. Go back to the previous page and use its button.
error-414-title = Address too long
error-414-detail = This page's address is too long to open. If you pasted a message into a link, paste it into the form's text box instead.
error-431-title = Request too large
error-431-detail = Your browser sent too much extra data (cookies). Clear this site's cookies or open it in a private window, then try again.
error-409-title = Conflicting data
error-422-title = Some input is not valid
error-422-detail = Please check what you entered.
error-429-title = Too many requests
error-429-detail = Too many attempts from this device. Wait a moment and try again.
error-500-title = Something went wrong
error-500-detail = Sorry, something went wrong on the server. It has been logged; please try again later.
err-number-range = Must be a whole number within the allowed range.
err-required = Required.
err-too-long = Too long.
err-too-many = Too many entries.
err-invalid-chars = Contains characters that are not allowed.
err-choose = Choose one of the options.
err-date = Not a valid date (format YYYY-MM-DD).
err-email = Not a valid e-mail address.
err-email-taken = This e-mail is already used by another account.
err-phone = Not a valid phone number. Example: 0812 3456 7890.
err-url = Not a valid link. Write it in full, for example https://instagram.com/yourkim.
err-password-short = Passwords need at least 10 characters.
err-password-common = This password is too common. Choose another.
err-password-email = The password must not contain the e-mail address.
err-password-mismatch = The two passwords differ.
err-password-wrong = The current password is wrong.
err-region-level = The region must match the group's level (a kelurahan KIM picks a kelurahan, and so on).
err-name-for-new = This person has no account yet: give their name.
err-link-invalid = The link is invalid, already used, or expired.
err-account-unverified = The account with this e-mail is not verified or is disabled; its owner must verify it first.
err-role-held = This person already holds that role.
users-disable = Disable
users-enable = Enable again
err-disable-self = You cannot disable your own account.
err-kim-has-members = This KIM group still has members. Remove them first.
err-opd-has-officers = This unit still has officers. Revoke their roles first.
err-confirm = Tick the confirmation to delete.
delete-confirm = I am sure I want to delete this.
delete = Delete
kim-delete = Delete this KIM group
opd-delete = Delete this government unit
err-unknown-unit = That KIM group or government unit does not exist.
err-image-too-large = The image file is too large.
err-image-not-image = This file is not a complete JPEG, PNG or WebP image.
err-image-too-many-pixels = The image has too many pixels. Make it smaller and upload it again.
err-last-admin = The last administrator cannot lose the admin role.
err-slug = Could not make a unique address for this name.
err-csrf = The form expired or came from another site. Reload the page and try again.
err-bad-form = The form data could not be read.
err-bad-query = The page address (URL) is not valid: check the part after the question mark.
err-too-large = The upload is too large.
err-json-content-type = Send JSON with the header Content-Type: application/json.
err-json-syntax = The JSON is not valid or not UTF-8.
err-json-data = The JSON does not fit: a field is missing or has the wrong type.
mail-reset-subject = Choose a new password
mail-reset-body = Hello { $name },

    Someone asked for a new password for your Simpul account. Open this link within { $minutes } minutes:

    { $link }

    If it was not you, ignore this e-mail.
mail-verify-subject = Verify your e-mail address
mail-verify-body = Hello { $name },

    Open this link to activate your Simpul account:

    { $link }
mail-exists-subject = Your account already exists
mail-exists-body = Someone tried to register with this e-mail, but the account already exists. If you forgot the password, open { $link }
mail-welcome-subject = Your Simpul account
mail-welcome-body = Hello { $name },

    You were added as a member of { $kim } on Simpul. Choose your password with this link (valid 60 minutes; ask for a new one on the "Forgot password" page if it expires):

    { $link }
mail-staff-body = Hello { $name },

    A Simpul staff account was created for you. Choose a password with this link (valid 60 minutes):

    { $link }
news-version = Version
news-compare-title = Compare versions
news-compare = Compare
news-compare-from = Older version
news-compare-to = Newer version
news-compare-legend = Added text is underlined on a green background, removed text is struck through on a red background; in the body, added lines start with + and removed lines with −.
news-compare-same = The body is the same in both versions.
news-compare-line = From line { $line } (newer version)
news-compare-link = Compare versions
news-views = { $total ->
    [one] Read once
   *[other] Read { $total } times
}, { $recent } in the last 7 days
news-views-short = { $count ->
    [one] Read once
   *[other] Read { $count } times
}
tokens-personal-title = Personal API tokens
tokens-personal-intro = A personal token lets another application (for example your KIM's own writing tool) use the Simpul API on your behalf, with your roles. A "read" token only reads; a "write" token can also save drafts and submit them. Revoke tokens you no longer use. All personal tokens are revoked when your password is changed or reset.
tokens-none = No tokens yet.
tokens-scope-read = read
tokens-scope-write = write
tokens-acting-for = on behalf of
field-article-region = Area the article is about
news-region-none = Not about one area
search-title = Search news
search-label = Words to look for
search-hint = Write as you normally would, for example: jalan rusak Cibeber, bansos dibagikan, posyandu.
search-button = Search
search-sort = Sort by
search-sort-relevance = Best match
search-sort-newest = Newest
search-did-you-mean = Did you mean
search-count = { $count ->
    [0] No news matches.
    [one] One article found.
   *[other] { $count } articles found.
}
search-none-title = Nothing yet?
search-none-spelling = Check the spelling, or try another word with the same meaning.
search-none-fewer = Use fewer words, for example just the place or the activity.
search-none-filters = Remove the category, kecamatan and year filters
search-none-browse = See all the latest news
search-filters = Filter results
search-year = Year
search-remove-filter = (remove)
nav-search = Search
search-count-more = More than { $count } articles found; the best matches come first.
## Aspirations (issue 5)
nav-aspirations = Reports
nav-desk = Incoming reports
aspirations-title = Citizens' reports and aspirations
aspirations-intro = Citizens' reports that have been verified, with the answers of the government units. Confidential reports are not shown.
aspirations-none = No matching reports yet.
aspirations-search = Words in the title
aspiration-new-title = Send a report
aspiration-new-intro = Send a complaint, an aspiration or a request for information to the city government. You do not need an account. After sending you get a ticket number and a private link to follow your report.
aspiration-what = Your report
aspiration-where = Location
aspiration-who = Who is reporting
aspiration-files = Attachments
aspiration-description-hint = Say what happened, where, and since when. At most 4,000 characters.
aspiration-coordinates-hint = Coordinates are optional. If you know them, enter latitude and longitude (e.g. -6.0123 and 106.0456).
aspiration-files-hint = Up to 5 files: photos (JPEG, PNG, WebP) or PDF, each at most { $mb } MB. Location data inside photos is removed.
aspiration-contact-hint = Give a phone number or e-mail so officers can reach you. Notifications go to the e-mail.
aspiration-anonymous-hint = Your identity is hidden from the officers handling it. Only the coordinator can open it, when truly needed.
aspiration-confidential-hint = The report is never shown publicly.
aspiration-show-name-hint = Your name is shown on the report's public page.
aspiration-on-behalf-hint = You are a KIM member helping a citizen file a report. Enter that citizen's name and contact.
aspiration-check-similar = Check for similar reports
aspiration-similar-title = Is this the same report?
aspiration-similar-intro = Open reports in this kelurahan that look like yours. If it is the same, support that report so it is handled sooner.
aspiration-similar-none = No similar open reports in this kelurahan.
aspiration-send = Send report
aspiration-track-title = Follow your report
aspiration-received = Your report was received with number { $code }.
aspiration-keep-link = Keep this link. Only with it can you follow the report, add information and reply to the answer. Do not share it.
aspiration-send-to-self = Send this link to your own WhatsApp
aspiration-share-own = Private link of report { $code } (do not share)
aspiration-share-whatsapp = Share on WhatsApp
aspiration-is-confidential = This report is confidential: it is not shown publicly.
aspiration-is-anonymous = This report is anonymous: your identity is not shown to officers.
aspiration-timeline = History
aspiration-answer-question = Does this answer resolve your report?
aspiration-accept = Yes, resolved
aspiration-dispute = No, reopen it
aspiration-dispute-reason = Why does the answer not resolve the problem?
aspiration-rate-title = Rate the answer
aspiration-rating = Rating
aspiration-stars = { $count ->
    [one] { $count } star
   *[other] { $count } stars
}
aspiration-rating-comment = Comment (optional)
aspiration-rate = Send rating
aspiration-rated = You gave { $count } stars. Thank you.
aspiration-add-info = Add information
aspiration-info-label = More information for the officers
aspiration-send-info = Send information
aspiration-by = Reported by { $name }
aspiration-by-hidden = Reporter not shown
aspiration-handled-by = handled by { $opd }
aspiration-photo-alt = Photo { $name } attached to the report
aspiration-supports = { $count ->
    [0] No supporters yet
    [one] { $count } supporter
   *[other] { $count } supporters
}
aspiration-support = Support this report
aspiration-support-hint = One support per device. Supports show that many citizens face this problem.
aspiration-kind-pengaduan = Complaint
aspiration-kind-aspirasi = Aspiration
aspiration-kind-permintaan_informasi = Request for information
aspiration-status-baru = New
aspiration-status-terverifikasi = Verified
aspiration-status-ditolak = Rejected
aspiration-status-didisposisikan = Sent to a government unit
aspiration-status-diproses = In progress
aspiration-status-ditanggapi = Answered
aspiration-status-selesai = Resolved
aspiration-status-dibuka_kembali = Reopened
aspiration-party-reporter = Reporter
aspiration-party-assistant = KIM member (for a citizen)
aspiration-party-coordinator = Coordinator
aspiration-party-opd = Government unit
aspiration-party-system = System
aspiration-event-submitted = Report sent
aspiration-event-verify = Verified by the coordinator
aspiration-event-reject = Rejected
aspiration-event-dispose = Sent to a government unit
aspiration-event-acknowledge = Taken up by the unit
aspiration-event-respond = The unit's answer
aspiration-event-accept = The reporter accepted the answer
aspiration-event-dispute = The reporter reopened it
aspiration-event-auto_close = Closed automatically (no reply within 10 working days)
aspiration-event-info = More information from the reporter
aspiration-event-note = Internal note
aspiration-event-rate = The reporter rated the answer
aspiration-event-escalated = Past its deadline, reported to the coordinator
reject-reason-spam = Spam
reject-reason-out_of_scope = Outside the city's remit
reject-reason-duplicate = Same as another report
field-aspiration-kind = Kind of report
field-kelurahan = Kelurahan
field-event-date = Date of the event
field-lat = Latitude
field-lon = Longitude
field-files = Photos or documents
field-on-behalf = I am filing for a citizen
field-anonymous = Anonymous
field-confidential = Confidential
field-show-name = Show my name
field-status = Status
field-lapor-number = SP4N-LAPOR! tracking number
field-date = Date
field-kind = Kind
desk-title = Incoming reports
desk-all = All
desk-overdue-only = Only past their deadline
desk-show = Show
desk-none = No reports.
desk-pick = Select { $code }
desk-overdue = Past deadline
desk-due = due { $when }
desk-export-lapor = Export selected for SP4N-LAPOR! (CSV)
desk-late-by = { $count ->
    [one] { $count } working day late.
   *[other] { $count } working days late.
}
desk-days-left = { $count ->
    [0] Due today.
    [one] { $count } working day left before the deadline.
   *[other] { $count } working days left before the deadline.
}
desk-coordinates = Coordinates
desk-reporter = Reporter
desk-identity-hidden = Hidden (anonymous or confidential)
desk-assisted-by = Filed by KIM member
desk-opd = Government unit
desk-revealed = The anonymous reporter's identity was opened. This is recorded in the audit trail.
desk-hidden = Hidden from the public
desk-hide-file = Hide from the public
desk-show-file = Show to the public
desk-verify = Verify
desk-dispose = Send to a government unit
desk-note-for-opd = Note for the unit (shown in the history)
desk-reject = Reject report
desk-reject-reason = Reason
desk-duplicate-of = Number of the same report (if a duplicate)
desk-reject-explain = Explanation for the reporter
desk-acknowledge = Take up
desk-respond = Send official answer
desk-answer = Answer
desk-answer-hint = The answer is shown to the reporter and, unless the report is confidential, to the public.
desk-note = Internal note
desk-note-label = Note (officers only)
desk-note-add = Add note
desk-public-wording = Public wording
desk-public-wording-hint = Remove personal details before the report is public. Leave empty to use the original text. The original is kept.
desk-lapor-label = The number from SP4N-LAPOR! after forwarding the report there
desk-reveal = Open the reporter's identity
desk-reveal-hint = Only when truly needed. Every opening is recorded in the audit trail.
holidays-title = Holidays
holidays-intro = Report deadlines count working days: Monday to Friday, except the dates below. Enter national holidays and cuti bersama as decreed, and regional holidays.
holidays-none = No holidays recorded yet.
holidays-caption = Holidays from last year on
holidays-add = Add a holiday
holiday-kind-libur_nasional = National holiday
holiday-kind-cuti_bersama = Collective leave (cuti bersama)
holiday-kind-libur_daerah = Regional holiday
err-aspiration-changed = Someone else just changed this report. Reload the page and try again.
err-aspiration-closed = This report is closed.
err-aspiration-wrong-status = This step is not possible in the report's current status.
err-assist-not-allowed = Only KIM members can file for a citizen.
err-contact-needed = Give the citizen's phone number or e-mail so officers can reach them.
err-coordinate = Invalid coordinate.
err-coordinate-pair = Enter both latitude and longitude, or neither.
err-date-future = The date of the event cannot be in the future.
err-duplicate-of = Give the number of the other report, e.g. ASP-2026-000123.
err-file-active-content = This PDF contains scripts or hidden files and is not accepted.
err-file-damaged = The PDF file is damaged or incomplete.
err-file-encrypted = The PDF is locked or encrypted, so it cannot be checked. Send a copy without a password.
err-file-too-large = One of the files is too large.
err-file-type = Only photos (JPEG, PNG, WebP) or PDF are accepted.
err-holiday-exists = This date is already a holiday.
err-kelurahan = Choose a kelurahan.
err-lapor-number = A LAPOR! number has only letters, digits, hyphens or slashes.
err-name-or-anonymous = Enter your name, or tick "Anonymous".
err-rating = Choose 1 to 5 stars.
err-rating-not-possible = A rating can be given once, after the report is resolved.
err-too-many-files = At most 5 attachments.
err-upload-too-large = The upload is too large. At most 25 MB for all attachments together.
error-413-title = Upload too large
flash-already-supported = You already support this report.
flash-supported = Thank you, your support is recorded.
flash-answer-accepted = Thank you. The report is marked resolved.
flash-answer-disputed = The report is reopened and sent back to the unit.
flash-export-none = Select the reports to export.
flash-info-added = Your information was sent.
flash-note-added = Note added.
flash-rated = Thank you for your rating.
flash-step-verify = Report verified.
flash-step-reject = Report rejected.
flash-step-dispose = Report sent to the unit.
flash-step-acknowledge = Report taken up.
flash-step-respond = Answer sent.
mail-aspiration-subject = Report { $code }
mail-aspiration-disposed = Report { $code } ("{ $title }") was sent to your unit. Answer within 5 working days:

    { $link }
mail-aspiration-info = The reporter added information to report { $code } ("{ $title }"):

    { $link }
mail-aspiration-reopened = The reporter reopened report { $code } ("{ $title }"). Answer within 5 working days:

    { $link }
mail-aspiration-reminder = Reminder: the deadline of report { $code } ("{ $title }") is within a day.

    { $link }
mail-aspiration-overdue = Report { $code } ("{ $title }") is past its deadline.

    { $link }
region-unknown = area not known yet
desk-stats = Government units
desk-stats-total = Reports
desk-stats-finished = Resolved
desk-stats-rating = Rating
aspiration-attachment = Attachment { $n }
desk-stats-hint = Rating: the reporters' average (1–5), the number of ratings in brackets.
holidays-import = Paste a list of holidays
holidays-import-lines = List (one holiday per line)
holidays-import-hint = Write the date, then the name, e.g. "2026-12-25 Christmas Day". Dates already in the calendar are skipped.
holidays-import-button = Add them all
err-holiday-lines = Every line needs a date (YYYY-MM-DD) followed by the holiday's name; at most 200 lines.

## Fact check (issue 6)
nav-factcheck = Fact check
nav-factcheck-desk = Fact-check desk
factcheck-title = Fact check
factcheck-intro = Received a suspicious forwarded message? Paste it here. If it has been clarified before, the answer appears at once, even when it is worded differently. If not, the editors will check it.
factcheck-answer-title = Result
factcheck-read-more = Read the full clarification
factcheck-answer-candidates = No clarification says exactly this yet, but your message may be related to:
factcheck-answer-queued = We received your message under code { $code }; the editors will check it.
factcheck-follow-ticket = Follow the check
factcheck-paste-title = Paste the message you received
field-tip-text = Message
field-tip-text-hint = Copy the whole message from WhatsApp, Facebook or other social media (at most 4,000 characters).
field-tip-link = Link (if any)
field-screenshot = Screenshot (if any)
field-screenshot-hint = A JPEG, PNG or WebP photo of at most { $mb } MB. Location and other data inside the file are removed.
field-tip-email = Your e-mail (to be told the result)
factcheck-privacy = Your contact is only used to tell you the result, is shown to no one, and is then deleted.
factcheck-check = Check the message
factcheck-search-title = Search clarifications
factcheck-search-label = Keywords
factcheck-search = Search
factcheck-search-none = No matching clarification yet.
factcheck-latest = Latest clarifications
factcheck-none-yet = No clarification has been published yet.
factcheck-feed = Clarifications feed (RSS)
factcheck-ticket-title = Message { $code }
factcheck-received-on = Received
factcheck-state = Status
factcheck-state-belum_dicek = Not checked yet
factcheck-state-sedang_dicek = Being checked
factcheck-state-terbit = Clarification published
factcheck-state-bukan_klaim = Not a claim
factcheck-state-duplikat = Duplicate
factcheck-ticket-waiting = The clarification is not published yet. This page will show it once it is.
factcheck-narrative = The circulating claim
factcheck-appeared = Appeared at
factcheck-explanation = Explanation
factcheck-references = References
factcheck-edit-title = Edit the clarification
factcheck-desk-title = Fact-check desk
factcheck-publish = Publish the clarification
factcheck-new-title = Write a new clarification
factcheck-export = Download the messages (CSV)
factcheck-states = Rumour status
factcheck-open = To check
factcheck-all = All
factcheck-trends = Most sent in the last 7 days
factcheck-tips-count = { $count ->
    [one] 1 message
   *[other] { $count } messages
}
factcheck-queue = Rumour queue
factcheck-queue-empty = No rumours here.
factcheck-rumour = Rumour
factcheck-tips = Messages
factcheck-seen = First / last
factcheck-assignee = Checker
factcheck-first-seen = First received
factcheck-last-seen = Last received
factcheck-duplicate-of = Duplicate of
factcheck-clarification = Clarification
factcheck-steps = Steps
factcheck-step-check = Start checking
factcheck-step-not-a-claim = Not a claim
field-duplicate-of = Number of the same rumour (e.g. 12)
factcheck-step-duplicate = Mark as duplicate
field-assignee = Checker
factcheck-assign = Assign
factcheck-step-reopen = Reopen
factcheck-channel-web = Web
factcheck-channel-api = API
factcheck-channel-whatsapp = WhatsApp
factcheck-channel-telegram = Telegram
factcheck-tip-answer-confident = answered by a clarification
factcheck-tip-answer-candidates = perhaps related
factcheck-tip-answer-unknown = no answer yet
factcheck-screenshot = Screenshot
factcheck-notes = Notes and evidence
field-factcheck-note = Note
field-evidence-url = Evidence link
factcheck-add-note = Add the note
factcheck-publish-title = Publish a clarification
factcheck-cluster-title = Rumour #{ $id }
factcheck-type-satire = Satire or parody
factcheck-type-koneksi_salah = False connection
factcheck-type-konten_menyesatkan = Misleading content
factcheck-type-konteks_salah = False context
factcheck-type-konten_tiruan = Imposter content
factcheck-type-konten_manipulasi = Manipulated content
factcheck-type-konten_palsu = Fabricated content
field-verdict = Label
field-content-type = Content type
field-clarification-title = Title
field-claim = The circulating claim
field-claim-hint = Write the claim as it circulates. Citizens' messages are matched against this text.
field-summary = Summary
field-summary-hint = One paragraph: sent as the WhatsApp and Telegram reply.
field-explanation = Explanation
field-explanation-hint = Markdown: **bold**, lists with -, links [text](https://…).
field-sources = References
field-sources-hint = One per line: title | https://address, or the address alone.
field-appearance-url = Link where the claim circulates
field-first-appearance = Date the claim first appeared
factcheck-step-done = Rumour updated.
factcheck-assigned = Checker assigned.
factcheck-note-added = Note added.
factcheck-published = Clarification published. Waiting senders are being told.
factcheck-saved = Clarification saved.
err-rumour-changed = Someone else just changed this rumour. Reload the page.
err-sources = Each reference line needs an https://… address (at most 30 lines).
err-duplicate-target = Give the number of another rumour that still stands.
tip-reply-confident = { $label } { $title }

    { $summary }

    More: { $link }
tip-reply-candidates = No clarification says exactly what your message says, but these may be related:
    { $list }

    We received your message under code { $code } and will check it. We will tell you here once it is clarified.
tip-reply-unknown = Thank you. We received your message under code { $code }; the editors will check it. We will tell you here once it is clarified.
tip-notify-verdict = News from the fact-check team about message { $code } you sent:

    { $label } { $title }

    { $summary }

    More: { $link }
tip-notify-subject = Fact-check result for message { $code }
tip-chat-welcome = Hello! This is the fact-check line. Forward or paste a suspicious message here; we reply with the existing clarification, or we check it and let you know.
tip-chat-text-only = Sorry, we can only check text messages. Copy the message's text and send it here.
search-clarifications = Related hoax clarifications
tip-notify-not-a-claim = News from the fact-check team about message { $code } you sent: the team found it is not a checkable claim (for instance a question, an opinion or an advertisement), so no clarification will follow. Thank you for being careful.
factcheck-ticket-not-a-claim = The team found this message is not a checkable claim, so no clarification will follow.

## Training (issue 7)
nav-training = Training
training-title = KIM training
training-intro = Technical training for KIM members: news writing, video editing and social-media content. Register on a programme's page; when a session is full you join the waiting list and move up by yourself when someone cancels.
training-none = No training is scheduled yet.
training-online = Online
training-online-link = Online link
training-trainer = Trainer
training-organiser = Organiser
training-seats-left = Seats left: { $count }
training-calendar = Training calendar (iCal)
training-sessions = Sessions
training-no-sessions = This programme has no sessions yet.
training-attended = Your attendance is recorded
training-you-are-registered = You are registered
training-you-are-waiting = You are on the waiting list, number { $place }
training-register = Register
training-join-waiting = Join the waiting list
training-closed = Registration has closed.
training-cancel = Cancel registration
training-sign-in = Sign in as a KIM member to register
training-register-member = Register a member
training-register-member-email = Your KIM member's e-mail
training-checkin-title = Training attendance
training-checked-in = Your attendance is recorded. Enjoy the session!
training-check-in = Record attendance
field-attendance-code = Attendance code (6 digits on the room's screen)
training-admin-title = Manage training
training-new-programme = New programme
training-description-hint = What is learned, and for whom.
field-training-topic = Topic
field-training-new-topic = Or a new topic
field-training-organiser = Organiser
field-training-trainer = Trainer
training-public-page = Public page
training-new-session = New session
field-training-starts = Starts
field-training-ends = Ends
field-training-place = Place
field-training-online-url = Online link
field-training-capacity = Capacity
field-training-deadline = Registration deadline
training-add-session = Add the session
training-edit-programme = Edit the programme
training-code-title = Attendance code
training-code-valid-until = Valid until { $time }; the code changes every minute and this page shows the new one by itself.
training-code-refresh = Show the latest code
training-qr-alt = QR code for attendance: scan it with a phone camera
training-code-where = Participants open { $path } or scan the QR code.
training-participants = Participants ({ $count } seats taken)
training-participants-caption = Participants and waiting list
training-status = Status
training-attendance = Attendance
training-status-terdaftar = Registered
training-status-menunggu = Waiting list
training-status-batal = Cancelled
training-method-kode = code
training-method-manual = ticked by the trainer
training-tick = Mark present
training-untick = Undo
training-registered = You are registered for this session.
training-waiting = The session is full: you are on the waiting list and will move up by yourself when someone cancels.
training-cancelled = Registration cancelled.
training-registered-other = Member registered.
training-waiting-other = The session is full: the member is on the waiting list.
training-programme-saved = Programme saved.
training-session-saved = Session saved.
training-attendance-saved = Attendance updated.
err-training-ends = The end must be after the start.
err-training-deadline = Registration cannot close after the session starts.
err-training-where = Give a place, an online link, or both.
err-training-capacity = Capacity is a number from 1 to 10,000.
err-training-closed = Registration for this session has closed.
err-training-already = Already registered for this session.
err-training-changed = The registration just changed. Reload the page.
err-training-code = Wrong or expired code. Look at the latest code on the room's screen.
err-training-not-registered = You have no seat in this session.
err-training-checked-in = Attendance is already recorded.
err-training-not-member = No KIM member you may register has that e-mail.
mail-training-promoted-subject = You have a seat: { $title }
mail-training-promoted = Someone cancelled, so you moved up from the waiting list and are now registered for { $title }, { $when }.

    Details and cancelling: { $link }
mail-training-reminder-subject = Tomorrow: { $title }
mail-training-reminder = Reminder: the training { $title } starts { $when } at { $place }.

    When you arrive, record your attendance with the code on the room's screen. Details: { $link }
certificate-title = Certificate
certificate-valid = This certificate is genuine and valid.
certificate-revoked = This certificate was revoked on { $date }.
certificate-revoked-short = revoked
certificate-unknown = There is no certificate numbered { $number }. Check the number.
certificate-holder = Name
certificate-programme = Training
certificate-date = Date
certificate-number = Number
certificate-download = Download the certificate (PDF)
certificate-revoke = Revoke the certificate
certificate-revoke-reason = Reason for revoking
certificate-revoked-done = Certificate revoked.
err-revoke-reason = Give the reason for revoking (at most 300 characters).
err-certificate-revoked = This certificate has been revoked.
training-mine-title = My training
training-mine-none = You have not registered for any training yet.
training-materials = Materials
training-add-material = Add the material
training-material-added = Material added.
field-material-title = Title
field-material-url = Link (when the material is elsewhere)
field-material-file = Or a file
field-material-file-hint = At most { $mb } MB. Only the session's participants can download it.
err-material-one = Give a link or choose a file (one of them).
training-stats-title = Training figures
training-stats-csv = Download the figures (CSV)
training-stats-programmes = Per programme
training-stats-kims = Per KIM group
training-stats-none = No data yet.
training-stats-registered = Registered
training-stats-attended = Attended
training-stats-completed = Completed (certified)
news-training-practice = Training practice
training-practice = Practice assignment
training-write-practice = Write the practice assignment (a news draft to your KIM's Redaksi)
field-training-practice = Practice assignment (if any)
field-training-practice-hint = For example: write a 300-word news story about an activity in your kelurahan. Participants complete the training once they attended and their Redaksi published the draft.
training-stats-practice = Practice published
training-edit-session = Edit the session
err-training-capacity-taken = The capacity cannot be below the seats already taken.
err-training-started = The session has begun: the registration can no longer be cancelled.
err-training-not-now = Attendance opens an hour before the session and closes 30 minutes after it ends.
mail-training-registered-subject = You have been registered: { $title }
mail-training-registered = You have been registered for the training { $title }, { $when }.

    Details and cancelling: { $link }
mail-training-waiting = You have been registered for the training { $title }, { $when }. The session is full, so you are on the waiting list and will move up by yourself when someone cancels.

    Details and cancelling: { $link }

# Telling the reporter (e-mail and chat)
notice-received = We received your report with number { $code }. The coordinator will review it within 3 working days.
notice-received-subject = Report { $code } received
notice-verified = Report { $code } was verified, is listed among public reports, and will be sent to the responsible agency (OPD) for follow-up.
notice-verified-subject = Report { $code } verified
notice-rejected = Report { $code } cannot be followed up.
notice-rejected-subject = Report { $code } not followed up
notice-reason = Reason
notice-answered = Report { $code } has been answered:
notice-answered-subject = Answer to report { $code }
notice-closing-soon = The answer to report { $code } will be considered final tomorrow. If the problem is not solved, open the link below and dispute it.
notice-closing-soon-subject = Report { $code } closes soon
notice-link-again = Here is the private link to follow report { $code }, as you asked.
notice-link-again-subject = Link to report { $code }
notice-mail = { $what }

    Report: { $title }

    Follow the report, add information and respond to the answer through this private link (do not share it):
    { $link }

    Don't want e-mails like this? Stop with one click:
    { $stop }
notice-chat = { $what }

    Private link (do not share): { $link }

    Reply STOP to stop these messages.
chat-linked = Linked. News of report { $code } will be sent here: when it is verified, rejected or answered. Reply STOP at any time.
chat-code-unknown = That code is unknown or no longer valid. Open your report's private link again and choose "Notify me" for a new code.
chat-stopped = You will no longer receive report news in this chat.
notices-title = Report news
notices-off = You stopped receiving news for this report. Link WhatsApp or Telegram below to receive it again.
notices-by-email = News of every important step is sent to your e-mail.
notices-by-whatsapp = News is also sent to your WhatsApp.
notices-by-telegram = News is also sent to your Telegram.
notices-none = You gave no e-mail, so news only appears on this page. Keep the private link above.
notices-no-email = You gave no e-mail. To hear back, link WhatsApp or Telegram below.
notices-chat-offer = Want news in a chat? Choose one: the app opens with a one-time code, just press send.
notices-chat-whatsapp = Notify me on WhatsApp
notices-chat-telegram = Notify me on Telegram
notices-chat-hint = The code is valid for 24 hours and works once.
notices-stop = Stop receiving news
notices-stop-title = Stop receiving news
notices-stop-text = You will no longer receive e-mails or chat messages about report { $code }. The report is still followed up and you can still follow it through the private link.
notices-stop-back = Back to the report
notices-claim = Save to My reports
notices-own = This report is in My reports
flash-notices-stopped = You will no longer receive news of this report.
flash-report-claimed = Report saved to My reports.
resend-title = Track a report
resend-lead = Lost your private link? Enter the report number and the e-mail or phone number you gave when reporting. A new link is sent there.
resend-code = Report number (e.g. ASP-2026-000123)
resend-contact = E-mail or phone number given when reporting
resend-submit = Send the link
resend-sent = If the report number and contact match, the private link has been sent there. Check your e-mail or WhatsApp in a few minutes.
resend-no-contact = Reports without a contact cannot be recovered. Public reports can still be seen in the report list.
err-ticket-code = Write the report number like ASP-2026-000123.
own-title = My reports
own-new-report = New report
own-reports = Aspirations and complaints
own-reports-none = You have not sent a report while signed in to this account.
own-reports-hint = Each report's details and answers are on its private link (sent to your e-mail). Nobody else sees this list.
own-sent = sent
own-updated = updated
own-claim-hint = An older report is missing? Open its private link while signed in and choose "Save to My reports".
own-lost-link = Lost the link?
own-tips = Messages you checked
own-tips-none = You have not sent a message to the fact check yet.
own-tips-check = Check a suspicious message
nav-work = My tasks
nav-work-count = { $count } waiting
worklist-title = My tasks
worklist-lead = What waits for you, the most urgent first.
worklist-none = Nothing waits for you right now. Thank you!
worklist-citizen = This page is for officers. The reports and messages you sent are in My reports.
worklist-late = { $count } working days late
worklist-days-left = { $count ->
    [0] due today
   *[other] { $count } working days left
}
worklist-all = See all ({ $count })
worklist-open-desk = Open the desk
tasks-verify = Reports waiting for verification
tasks-dispose = Verified reports waiting for disposition
tasks-overdue = Reports past their deadline
tasks-dispositions = Dispositions to follow up
tasks-review = Drafts waiting for the editors
tasks-changes = Your drafts need changes
tasks-rumours = Rumours still being checked
tasks-sessions = Training sessions in the next two weeks
tasks-attendance = Attendance not complete
tasks-seats = { $taken } of { $capacity } seats taken
tasks-not-marked = { $count } participants not marked present
mail-article-changes-subject = Draft needs changes: { $title }
mail-article-changes = The editors asked for changes to "{ $title }":

    { $note }

    Make them and send it again here:
    { $link }
mail-article-published-subject = Your article is published: { $title }
mail-article-published = Congratulations, "{ $title }" is published:

    { $link }

    Share it with residents on WhatsApp and your KIM's social media.
mail-review-digest-subject = { $count } drafts waiting for review
mail-review-digest = These drafts were sent to the editors and wait for review:

    { $list }

    Open the review queue:
    { $link }
settings-title = Site identity
settings-intro = The city or regency's name and logo appear on every page, in feeds, in documents and as the site icon.
settings-city = City or regency name
settings-city-hint = For example: Kota Cilegon or Kabupaten Serang. Leave empty to show only the application's name.
settings-logo = New logo
settings-logo-hint = PNG, JPEG or WebP, at most 2 MB. A transparent background is best.
settings-logo-now = Current logo
settings-logo-remove = Remove the logo
flash-settings-saved = Site identity saved.
home-aspirations = Send an aspiration or complaint
home-track = Track a report
home-aspirations-list = Residents' reports
home-figures = The residents' channel at work
home-figure-answered = reports answered this month
home-figure-on-time = { $percent }% on time
home-figure-clarifications = hoax clarifications published
home-figure-trained = KIM members trained
home-figure-kim = KIM groups registered
audit-verb-article-create = created a news draft
audit-verb-article-update = edited a news article
audit-verb-article-import = imported news
audit-verb-article-ajukan = submitted an article for review
audit-verb-article-minta_revisi = asked for changes to an article
audit-verb-article-terbitkan = published an article
audit-verb-article-jadwalkan = scheduled an article
audit-verb-article-batalkan_jadwal = cancelled an article's schedule
audit-verb-article-arsipkan = archived an article
audit-verb-article-terbit_terjadwal = published a scheduled article
audit-verb-aspiration-submit = received a resident's report
audit-verb-aspiration-verify = verified a report
audit-verb-aspiration-reject = rejected a report
audit-verb-aspiration-dispose = disposed a report to an agency
audit-verb-aspiration-acknowledge = began following up a report
audit-verb-aspiration-respond = answered a report
audit-verb-aspiration-accept = accepted the answer to a report (reporter)
audit-verb-aspiration-dispute = reopened a report (reporter)
audit-verb-aspiration-rate = rated the answer to a report
audit-verb-aspiration-info = added information to a report
audit-verb-aspiration-note = added an internal note to a report
audit-verb-aspiration-auto_close = closed a report nobody disputed
audit-verb-aspiration-escalate = escalated an overdue report
audit-verb-aspiration-redact = edited a report's public text
audit-verb-aspiration-reveal_identity = revealed an anonymous reporter's identity
audit-verb-aspiration-attachment_visibility = changed a report attachment's visibility
audit-verb-aspiration-lapor_number = recorded a report's SP4N-LAPOR! number
audit-verb-aspiration-export_lapor = exported reports for SP4N-LAPOR!
audit-verb-aspiration-support = supported a report
audit-verb-aspiration-notices_off = stopped a report's notices (reporter)
audit-verb-aspiration-chat_on = linked a chat to a report's notices
audit-verb-aspiration-chat_off = stopped report notices in a chat
audit-verb-aspiration-claim = kept a report in My reports
audit-verb-aspiration-link_resent = sent a report's link again
audit-verb-auth-lockout = locked sign-in after repeated failures
audit-verb-category-create = created a news category
audit-verb-category-update = edited a news category
audit-verb-category-delete = deleted a news category
audit-verb-clarification-publish = published a hoax clarification
audit-verb-clarification-edit = edited a hoax clarification
audit-verb-clarification-import = imported hoax clarifications
audit-verb-holiday-add = added a holiday
audit-verb-holiday-delete = deleted a holiday
audit-verb-holiday-import = imported holidays
audit-verb-kim-create = created a KIM group
audit-verb-kim-update = edited a KIM group
audit-verb-kim-delete = deleted a KIM group
audit-verb-media-upload = uploaded a photo
audit-verb-opd-create = added an agency
audit-verb-opd-update = edited an agency
audit-verb-opd-delete = deleted an agency
audit-verb-region-code = changed a region code
audit-verb-region-import = imported regions
audit-verb-site-update = changed the site identity
audit-verb-tip-receive = received a fact-check message
audit-verb-tip-export = exported fact-check messages
audit-verb-tip_cluster-assign = assigned a rumour to a checker
audit-verb-tip_cluster-note = added a note to a rumour
audit-verb-tip_cluster-step = moved a rumour on
audit-verb-token-create = created an API token
audit-verb-token-revoke = revoked an API token
audit-verb-training-programme-create = created a training programme
audit-verb-training-programme-update = edited a training programme
audit-verb-training-session-create = added a training session
audit-verb-training-session-update = edited a training session
audit-verb-training-register = registered a participant
audit-verb-training-cancel = cancelled a registration
audit-verb-training-attend = recorded attendance
audit-verb-training-material-add = added training material
audit-verb-training-certificate-issue = issued a training certificate
audit-verb-training-certificate-revoke = revoked a training certificate
audit-verb-training-certificate-restore = restored a training certificate
audit-verb-user-create = created a staff account
audit-verb-user-register = registered a resident account
audit-verb-user-verify_email = verified an account's e-mail
audit-verb-user-disable = disabled an account
audit-verb-user-enable = enabled an account
audit-verb-user-password_change = changed a password
audit-verb-user-password_reset = reset a password
audit-verb-user-reset_requested = asked for a password reset link
audit-verb-user-role_grant = granted a role
audit-verb-user-role_revoke = revoked a role
chat-invite-lead-whatsapp = Press the button below: WhatsApp opens with a message holding a one-time code for your report. Press send, and your report's news will come to your WhatsApp.
chat-invite-lead-telegram = Press the button below: Telegram opens the city's bot. Press Start, and your report's news will come to your Telegram.
chat-invite-open-whatsapp = Open WhatsApp
chat-invite-open-telegram = Open Telegram
chat-invite-manual = If the app does not open, send this message to the city's number or bot:
notice-verified-confidential = Report { $code } was verified and will be sent to the responsible agency (OPD) for follow-up. As you asked, it stays confidential and is not listed publicly.
notice-verified-confidential-subject = Report { $code } verified
notice-read-more = (read it all at the link)
err-report-kept-elsewhere = This report is already kept by another account.
audit-verb-outbox-view = opened the mail outbox
audit-verb-auth-throttled = slowed sign-ins to an account guessed from many addresses

## Public-satisfaction survey (issue 16)
skm-title = Public Satisfaction Survey
skm-intro = Help us improve public services: choose the service unit you just visited and answer nine short questions. The survey is anonymous; your answers count towards the Public Satisfaction Index (IKM) as set by Permenpan RB No. 14/2017.
skm-none = No service unit is surveyed yet.
skm-list-caption = Service units and this year's index
skm-unit = Service unit
skm-ikm = IKM
skm-responses = Respondents
skm-minimum-short = at least { $count }
skm-form-intro = Choose one answer for each question from your experience. The survey is anonymous; the details below may be left blank.
skm-respondent = About you (optional)
skm-respondent-hint = These details are only counted for the respondents' profile and never tied to your answers on a public page.
skm-age = Age
skm-sex = Sex
skm-education = Highest education
skm-occupation = Occupation
skm-service = Service received
skm-suggestion = Suggestions
skm-suggestion-hint = Optional. Please do not write names, ID numbers or phone numbers.
skm-send = Send the survey
skm-see-results = See this unit's results
skm-thanks-title = Thank you
skm-thanks-body = Your answers were received and count towards this unit's satisfaction index.
skm-thanks-report = A complaint that needs follow-up? Send a report
skm-back-home = Back to the home page
skm-results-title = Survey results
skm-from = From
skm-to = To
skm-show = Show
skm-period = Period
skm-grade = service grade
skm-responses-count = { $count } respondents.
skm-minimum = Minimum sample for this unit's population (Krejcie–Morgan table): { $count } respondents.
skm-too-few = Fewer respondents than the minimum sample: this figure does not yet represent the unit's users.
skm-population-unknown = This unit's number of service users is not set, so the minimum sample cannot be computed.
skm-nrr-caption = Mean score (NRR) per service element
skm-element = Element
skm-weighted = Weighted NRR (× 1/9)
skm-method = IKM = sum of weighted NRR × 25. Grades: A 88.31–100 (Very good), B 76.61–88.30 (Good), C 65.00–76.60 (Poor), D 25.00–64.99 (Bad).
skm-profile = Respondents' profile
skm-no-responses = No respondents in this period.
skm-suggestions = Suggestions (staff only)
skm-no-suggestions = No suggestions in this period.
skm-fill = Take the survey
skm-admin-title = Satisfaction survey units
skm-admin-intro = Every agency (OPD) is a survey unit. Add other service points (a kelurahan office, a KIM post) and set the number of service users per period so the minimum sample can be computed.
skm-service-point = Service point
skm-inactive = not offered
skm-unit-new-title = Add a service point
skm-unit-edit-title = Edit survey unit
skm-address = Survey address
skm-opd-named = This unit is named after its agency.
skm-population = Service users per period
skm-population-hint = Used for the minimum sample from the Krejcie–Morgan table. Leave blank when not known.
skm-active = Offer this unit's survey to the public
skm-wording = Wording of the answers
skm-wording-hint = The scale stays 1 (worst) to 4 (best); only the words can change. Leave blank for the regulation's wording.
skm-level = Value { $level }
skm-opt-u20 = 20 or younger
skm-opt-21-30 = 21–30
skm-opt-31-40 = 31–40
skm-opt-41-50 = 41–50
skm-opt-51-60 = 51–60
skm-opt-o60 = Over 60
skm-opt-L = Male
skm-opt-P = Female
skm-opt-sd = Primary or less
skm-opt-smp = Junior secondary
skm-opt-sma = Senior secondary
skm-opt-diploma = Diploma (D1–D3)
skm-opt-s1 = Bachelor (D4/S1)
skm-opt-s2 = Master or above
skm-opt-pns = Civil servant
skm-opt-tni_polri = Military/police
skm-opt-swasta = Private employee
skm-opt-wirausaha = Self-employed
skm-opt-pelajar = Student
skm-opt-lainnya = Other
flash-skm-thanks = Thank you, your survey was sent.
err-skm-answer-missing = Choose one answer.
err-skm-answer-range = Answers must be from 1 to 4.
err-skm-answer-count = Answers must hold exactly nine values, one per element.
err-choice = Unknown choice.
err-period-order = The end date must be on or after the start date.
audit-verb-skm-respond = received a satisfaction survey response
audit-verb-skm-unit-create = added a survey service point
audit-verb-skm-unit-update = changed a survey unit
skm-kiosk-title = Public Satisfaction Survey
skm-kiosk-intro = Touch one face for each question, then press Send. Anonymous.
skm-kiosk-unregistered = This device is not registered as a survey kiosk of this unit. Staff can register it on the Survey kiosks page (Admin) and open the setup link on this device.
skm-kiosk-waiting = { "{n}" } responses are kept on this device and will be sent when the connection is back.
skm-kiosk-refused = This kiosk is no longer registered. Please tell the staff.
skm-kiosk-missing = Some questions are not answered yet (marked red).
skm-kiosks-title = Survey kiosks
skm-kiosks-intro = A kiosk is a tablet at a service counter for the survey. Register it, open the setup link on the tablet, and watch it here: a kiosk not heard from for too long is flagged and appears in your task list.
skm-kiosks-none = No kiosk is registered.
skm-kiosks-caption = Registered kiosks
skm-kiosk = Kiosk
skm-kiosk-last-seen = Last active
skm-kiosk-never = Never active
skm-kiosk-silent = Silent for more than { $minutes } minutes: check the device
skm-kiosk-alive = Active
skm-kiosk-revoke = Revoke
skm-kiosk-new = Register a kiosk
skm-kiosk-name = Kiosk name (for example "Counter 1")
skm-kiosk-alert = Flag when silent for more than (minutes)
skm-kiosk-alert-hint = 5 to 10080 minutes; blank means 30. A kiosk reports every minute while it is on.
skm-kiosk-register = Register
skm-kiosk-created = Kiosk "{ $name }" is registered. Open this link on the kiosk's tablet to set it up:
skm-kiosk-link-once = This link is shown only once. If it is lost, revoke the kiosk and register it again.
skm-work-silent = Silent survey kiosks
flash-skm-kiosk-revoked = Kiosk revoked.
audit-verb-skm-kiosk-register = registered a survey kiosk
audit-verb-skm-kiosk-revoke = revoked a survey kiosk
skm-report-xlsx = Download the survey report (XLSX)

## Dashboard (issue 16)
dashboard-title = Performance dashboard
dashboard-intro = Is this channel for reports and information working? These figures are computed live from residents' reports, the fact-check service, KIM activity and the satisfaction survey. Choose a year and a kecamatan; the page's address can be shared.
dashboard-year = Year
dashboard-all-kecamatan = All kecamatan
dashboard-aspirations = Reports and complaints
dashboard-received = Received
dashboard-answered = Answered
dashboard-on-time = On time
dashboard-median = Median days
dashboard-overdue = Overdue now
dashboard-rating = Residents' rating
dashboard-received-long = reports received
dashboard-answered-long = reports answered
dashboard-on-time-long = answered within the working-day deadline
dashboard-median-long = days (median) to the first answer
dashboard-overdue-long = reports past their deadline now
dashboard-chart-monthly = Reports received and answered per month
dashboard-chart-table-below = The chart's numbers are in the table below it.
dashboard-month = Month
dashboard-download-xlsx = Download the reports tables (XLSX)
dashboard-download-csv = Download per month (CSV)
dashboard-per-opd = Per agency (OPD)
dashboard-per-kecamatan = Per kecamatan
dashboard-none = No data for this period.
dashboard-hoax = Against hoaxes
dashboard-clarifications-long = clarifications published
dashboard-chart-tips = Hoax tips per week (last 12 weeks)
dashboard-week-of = Week from
dashboard-tips = Tips
dashboard-tips-count = { $count } tips
dashboard-top-rumours = Clarifications most asked about
dashboard-kim = KIM activity (measurable)
dashboard-kim-articles = News published
dashboard-kim-assisted = Residents' reports assisted
dashboard-ikm = Public satisfaction index per unit
dashboard-ikm-star = * Fewer respondents than the minimum sample.
home-dashboard = Performance dashboard
audit-verb-skm-kiosk-install = set up a survey kiosk on its device
skm-withheld = This unit's scores are not shown yet: fewer than 10 respondents in this period, so one person's answers could still be recognised. The respondents are still counted.
skm-withheld-short = awaiting 10 respondents
skm-public-months = Public results are computed over whole months.
skm-profile-small = Answers chosen by fewer than 5 respondents are not shown.
