"""Help behind the wizard's "I don't know" answers.

Where each mail program shows its port and authentication lives with its guide
(``wizard.guides``); here are the general explanations and the safe fallbacks.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .core.questions import Question

# When the setting cannot be found, the safest guess: the result shows the right
# settings either way.
FALLBACK: dict[Question, Promise] = {
    Question.PORT: _(
        "Still cannot find it? Choose 25, the old default. The result page shows the "
        "complete settings to enter either way."
    ),
    Question.AUTH: _('Still cannot find it? Choose "No". The result page shows how to turn it on.'),
}

GENERAL: dict[Question, Promise] = {
    Question.NETWORK: _(
        "At home on %(isp)s's fibre or ADSL line (also through your own Wi-Fi router), "
        "you are on %(isp)s's connection. In an office, a hotel, a café's Wi-Fi, or "
        "when your phone shares its mobile data (tethering), you are on another "
        "provider's connection."
    ),
    Question.SERVICE: _(
        "Look at your e-mail address: after the @ comes the domain of the company that "
        "runs your mail. plala.or.jp is %(isp)s mail; another provider's name (such as "
        "ocn.ne.jp or biglobe.ne.jp) is another provider's mail; your own company's or "
        "shop's domain usually means a hosting service."
    ),
    Question.CLIENT: _(
        "It is the program or app you open to write mail. If you read mail in a web "
        'browser instead, choose "Another program, or I don\'t know".'
    ),
    Question.OP25B: _(
        'Search the provider\'s support pages for "OP25B" or "port 25". Almost all '
        "Japanese providers and mobile networks block it today. If you cannot find out, "
        'choose "I don\'t know": the answer covers both.'
    ),
    Question.PLAN: _(
        "Your contract is shown on the %(isp)s member page and on your registration "
        "document. If you pay for %(isp)s's connection, it is usually a %(set_plan)s."
    ),
}
