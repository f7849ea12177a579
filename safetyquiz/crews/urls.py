from django.contrib.auth import views as auth_views
from django.urls import path

from .views import accounts, certificates, join, language, modules

app_name = "crews"
urlpatterns = [
    path("join/", join.join, name="join"),
    path("language/", language.switch, name="language"),
    path("modules/", modules.module_list, name="modules"),
    path("modules/next/", modules.next_module, name="next-module"),
    path("modules/<slug:slug>/", modules.module_detail, name="module"),
    path("certificates/", certificates.my_certificates, name="my-certificates"),
    path("certificates/<str:code>/", certificates.certificate_check, name="certificate-check"),
    path(
        "certificates/<str:code>/print/",
        certificates.certificate_print,
        name="certificate-print",
    ),
]

# /accounts/: Django's sign-in and password pages, with our landing, sign-in links, and
# reset by email only where email is set up. Their names are Django's own, without a
# namespace, as its views reverse them.
account_urlpatterns = [
    path("login/", accounts.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        accounts.email_only(accounts.ThrottledPasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        accounts.email_only(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        accounts.email_only(accounts.UnlockingPasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        accounts.email_only(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    # Before the token's address, which would take "set-password" for a token.
    path("link/set-password/", accounts.sign_in_link_password, name="sign-in-link-password"),
    path("link/end/", accounts.sign_in_link_end, name="sign-in-link-end"),
    path("link/<str:token>/", accounts.sign_in_link, name="sign-in-link"),
]
