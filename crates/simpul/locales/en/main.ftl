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
home-aspirations = Aspirations and complaints
home-aspirations-text = Send aspirations, complaints or information requests to the right government unit.
home-hoax = Fact check
home-hoax-text = Forward a suspicious message and get the clarification that already exists.
home-training = Training
home-training-text = Technical training for KIM members: news writing, video editing and social-media content.
home-soon = Coming soon
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
register-intro = A citizen account helps you follow your reports and trainings. Reading and reporting work without one.
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
field-publish-at = Publication time (WIB)
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
error-409-title = Conflicting data
error-422-title = Some input is not valid
error-422-detail = Please check what you entered.
error-429-title = Too many requests
error-429-detail = Too many attempts from this device. Wait a moment and try again.
error-500-title = Something went wrong
error-500-detail = Sorry, something went wrong on the server. It has been logged; please try again later.
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
