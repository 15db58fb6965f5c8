-- 004_seed_challenges.sql: the challenges shipped with viva (org_id NULL: every org sees them, none can change them).
-- Bodies are Markdown in $md$ quotes; hints are one short sentence each.

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'Merge overlapping meetings', 'algorithms', 'medium', 45, 60000,
ARRAY['Sorting the meetings by start time makes every overlap adjacent.',
      'Keep one "current" meeting and extend its end while the next one starts before it ends.',
      'Decide up front whether [1, 3] and [3, 5] touch or overlap, and test that case.',
      'Sorting dominates: the whole thing can be O(n log n) time and O(n) extra space.'],
$md$## Merge overlapping meetings

A calendar service stores each meeting as a pair of minutes since midnight,
`[start, end)`, with `start < end`. Write a function that takes the meetings of
one room for one day, **in any order**, and returns the busy periods: the
smallest list of non-overlapping intervals that covers exactly the same minutes,
sorted by start.

Meetings that merely touch (`[60, 90)` and `[90, 120)`) are merged too: the room
is busy without a break.

### Examples

| Input | Output |
| --- | --- |
| `[[540, 600], [570, 660], [720, 780]]` | `[[540, 660], [720, 780]]` |
| `[[60, 90], [90, 120]]` | `[[60, 120]]` |
| `[[100, 200], [110, 120], [130, 140]]` | `[[100, 200]]` |
| `[]` | `[]` |

### Signature

Use the language you are most comfortable with. In Python:

```python
def busy_periods(meetings: list[tuple[int, int]]) -> list[tuple[int, int]]:
    ...
```

### Requirements

- Do not modify the input list.
- A day can hold up to 100,000 meetings; aim for better than O(n²).
- Include a few tests that show the edge cases you thought about.

### Follow-up (if time allows)

Given the busy periods of **several** rooms, return the first gap of at least
`k` minutes between 08:00 and 18:00 when *all* of them are free, or `None`.
$md$);

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'Why does the rate limiter let bursts through?', 'debugging', 'easy', 30, 40000,
ARRAY['Write a test that makes 10 calls at the same instant and counts how many are allowed.',
      'Look at when the bucket is refilled and what it is capped at.',
      'time.time() can go backwards; the standard library has a clock that cannot.'],
$md$## Why does the rate limiter let bursts through?

Our public API is meant to allow each client **5 requests per second**, with
bursts of up to 5. Support reports that some clients get through 20 or more
requests in the first second, and that after a quiet minute a client can send
a huge burst. Here is the limiter:

```python
import time

class TokenBucket:
    """Allows `rate` requests per second, with bursts of up to `capacity`."""

    def __init__(self, rate: float, capacity: int):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = time.time()

    def allow(self) -> bool:
        now = time.time()
        elapsed = now - self.updated
        self.tokens += elapsed * self.rate
        if self.tokens > 0:
            self.tokens -= 1
            self.updated = now
            return True
        return False


buckets = {}

def check(client_id: str) -> bool:
    bucket = buckets.get(client_id, TokenBucket(rate=5, capacity=5))
    buckets[client_id] = bucket
    return bucket.allow()
```

### Your task

1. Find every bug that explains the reports (there is more than one).
2. Fix them with the smallest change that makes the limiter correct.
3. Add tests that would have caught each bug. Make the tests fast: they must not
   `sleep()` for real.

### Expected behaviour

| Scenario | Allowed |
| --- | --- |
| 10 calls at t = 0 s | 5 |
| then 1 call at t = 0.1 s | 0 |
| then 1 call at t = 0.2 s | 1 |
| 60 s of silence, then 10 calls | 5 |

Explain each bug in one sentence in your final answer.
$md$);

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'Monthly active customers and churn', 'sql', 'medium', 40, 40000,
ARRAY['date_trunc(''month'', ordered_at) gives one bucket per calendar month.',
      'A customer is churned in month M if active in M-1 and not in M: a self-join or LAG over months works.',
      'Months with no orders at all still need a row: generate_series over the month range helps.',
      'Count DISTINCT customers, and check what your query does with refunded orders.'],
$md$## Monthly active customers and churn

An online shop keeps its orders in PostgreSQL:

```sql
CREATE TABLE customers (
    id          bigint PRIMARY KEY,
    signed_up   date NOT NULL,
    country     text NOT NULL
);

CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers(id),
    ordered_at  timestamptz NOT NULL,
    total_cents integer NOT NULL,
    status      text NOT NULL CHECK (status IN ('paid', 'refunded'))
);
```

A customer is **active** in a month if they have at least one `paid` order in
it. A customer **churned** in month M if they were active in the month before M
and are not active in M.

### Task

Write one query that returns, for every month from the first order to the last,
in order:

| column | meaning |
| --- | --- |
| `month` | first day of the month, as a `date` |
| `active` | customers active in the month |
| `new_active` | active customers whose first paid order is in this month |
| `churned` | customers who churned in this month |
| `churn_rate` | `churned` divided by last month's `active`, rounded to 3 places (NULL for the first month) |

### Example

With these paid orders (customer, date): (1, Jan 5), (2, Jan 20), (1, Feb 2),
(3, Mar 9), and a **refunded** order (2, Feb 14), the result is:

| month | active | new_active | churned | churn_rate |
| --- | ---: | ---: | ---: | ---: |
| 2024-01-01 | 2 | 2 | 0 | NULL |
| 2024-02-01 | 1 | 0 | 1 | 0.500 |
| 2024-03-01 | 1 | 1 | 1 | 1.000 |

### Then

The `orders` table has 40 million rows. Which index would you add for this
query, and how would you check that PostgreSQL uses it?
$md$);

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'An API for a library''s loans', 'api_design', 'medium', 60, 80000,
ARRAY['Start from the nouns (books, copies, members, loans) and what each client needs to do with them.',
      'Two librarians lending the last copy at once must not both succeed: what makes the second request fail, and with which status?',
      'Renewing is a change of state of a loan; think about whether it is a PATCH, a sub-resource or an action.',
      'Show one full request and response for the error case, not only the happy path.'],
$md$## An API for a library's loans

A city library is replacing its desk software. Design the HTTP API that the
new desk application, the self-service kiosks and the mobile app will share.

### What it must support

- Search the catalogue by title, author or ISBN; a **book** has one or more
  physical **copies**, each at one branch.
- Lend a copy to a **member**, return it, and renew a loan (at most 2 renewals,
  not if someone has reserved the book).
- Place and cancel a **reservation** for a book (any copy, at a chosen branch).
- Show a member their loans, due dates, reservations and fines.
- Members may hold at most 10 loans; members with fines over €10 cannot borrow.

### Deliverables

1. The resources and their URLs, with methods, in a table like this one:

   | Method | Path | Purpose |
   | --- | --- | --- |
   | `GET` | `/books?q=…` | search the catalogue |
   | … | … | … |

2. Request and response bodies (JSON) for **lending** a copy and for
   **renewing** a loan, including the error responses: which status codes, and
   what the body says.
3. How a client pages through search results, and how it learns that a
   member's loans changed (polling, ETags, webhooks: pick and justify).
4. Authentication and authorisation: what a kiosk may do that the mobile app
   may not, and vice versa.
5. How you would change the API later without breaking the kiosks, which are
   updated only twice a year.

Write the answer as a short design document in Markdown. Prefer clear trade-offs
over completeness.
$md$);

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'An accessible autocomplete without a framework', 'frontend', 'medium', 60, 100000,
ARRAY['The WAI-ARIA combobox pattern names the roles and attributes: role="combobox", aria-expanded, aria-activedescendant.',
      'Cancel or ignore stale responses: the answer for "ber" can arrive after the one for "berl".',
      'Debounce the input events, but do not debounce the keyboard navigation.',
      'Without JavaScript the form should still submit the typed text to /search.'],
$md$## An accessible autocomplete without a framework

Build a city picker for a travel site: a text input that suggests matching
cities as the user types. Use plain HTML, CSS and JavaScript (no framework, no
build step). A stub endpoint is given:

```http
GET /api/cities?q=ber

200 OK
Content-Type: application/json

[{"id": 2950159, "name": "Berlin", "country": "DE"},
 {"id": 2661552, "name": "Bern", "country": "CH"}]
```

It answers in 50 to 800 ms, in random order of requests.

### Requirements

- [ ] Suggestions appear after 2 or more characters, at most 8 of them.
- [ ] Fully usable with the keyboard: ↓/↑ move through suggestions, Enter
      picks one, Escape closes the list and keeps the typed text.
- [ ] Works with a screen reader: the list's state and the highlighted
      option are announced.
- [ ] A slow, older response never replaces a newer one.
- [ ] The matching part of each suggestion is highlighted **without** using
      `innerHTML` with the server's text.
- [ ] Without JavaScript the input is a normal field in a form that submits to
      `/search`.

### Starting point

```html
<form action="/search" method="get">
  <label for="city">Destination</label>
  <input id="city" name="city" autocomplete="off">
  <button type="submit">Search</button>
</form>
```

Explain briefly how you tested it, and what you would add for production
(caching, errors, analytics).
$md$);

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'What happened to checkout conversion?', 'data_analysis', 'medium', 60, 80000,
ARRAY['Split the drop by every dimension you have before forming a theory.',
      'Compare the funnel step by step: a drop in one step points at one screen.',
      'Check the data itself: duplicated or missing events can look like a behaviour change.'],
$md$## What happened to checkout conversion?

Checkout conversion on our shop fell from about **3.1 %** to **2.4 %** in the
week of 10 June, and the product team wants to know why before Friday. You have
an export of one event per row (`events.csv`, 2.3 million rows, 4 weeks):

| column | example | notes |
| --- | --- | --- |
| `ts` | `2024-06-11T14:03:22Z` | UTC |
| `session_id` | `s_8f2c…` | one visit |
| `event` | `view_cart` | `view_product`, `view_cart`, `start_checkout`, `payment_submitted`, `order_confirmed` |
| `platform` | `ios` | `web`, `ios`, `android` |
| `app_version` | `5.12.0` | empty for web |
| `country` | `DE` | ISO 3166 code |
| `payment_method` | `card` | only on `payment_submitted` |

Conversion is sessions with `order_confirmed` divided by sessions with
`view_cart`.

### Task

1. Reproduce the drop from the data (say how you computed it).
2. Find where it comes from: which platform, version, country, step of the
   funnel or payment method. Show the numbers that convinced you.
3. Rule out at least one tempting but wrong explanation, with data.
4. Write a five-line summary for the product team: what happened, how sure you
   are, and what you would do next.

Use whatever tool you like (SQL, pandas, a spreadsheet). A first look in
Python:

```python
import pandas as pd

ev = pd.read_csv("events.csv", parse_dates=["ts"])
ev["week"] = ev["ts"].dt.to_period("W-SUN")
carts = ev[ev.event == "view_cart"].groupby("week").session_id.nunique()
orders = ev[ev.event == "order_confirmed"].groupby("week").session_id.nunique()
print((orders / carts).round(4))
```
$md$);

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'Design a URL shortener for a large audience', 'system_design', 'hard', 60, 100000,
ARRAY['Estimate first: writes per second, reads per second, storage after five years.',
      'Generating short codes without a central counter on every write is the core problem: compare a few schemes.',
      'Reads outnumber writes a hundred to one: where do you cache, and what happens on a miss?',
      'Say what happens when a data centre is lost, and what consistency the redirect needs.'],
$md$## Design a URL shortener for a large audience

Design a service like `sho.rt` that turns long URLs into short links and
redirects visitors.

### Requirements

| | |
| --- | --- |
| New short links | 10,000 per second at peak, 200 million per month |
| Redirects | 1 million per second at peak, p99 under 20 ms at the edge |
| Code length | 7 characters or fewer, `[A-Za-z0-9]` |
| Retention | links live 5 years unless the owner deletes them |
| Availability | redirects 99.99 %; creating links 99.9 % |
| Extras | custom aliases; per-link click counts, at most 1 minute stale |

### What we want to see

1. Back-of-the-envelope numbers: storage, bandwidth, cache size.
2. The API (create, redirect, stats, delete) in a few lines each.
3. How short codes are generated, and why that scheme does not collide or
   bottleneck.
4. The data model and the store(s) you would use, and how they are partitioned.
5. The read path for a redirect, with caching, and the write path for a click.
6. Abuse: phishing links, enumeration of codes, a single link going viral.
7. What breaks first as traffic grows ten times, and what you would change.

Draw boxes and arrows in text if it helps:

```text
client ──▶ CDN/edge ──▶ redirect service ──▶ cache ──▶ store
```
$md$);

INSERT INTO challenges (org_id, title, category, difficulty, time_limit_min, token_budget, hints, body_md)
VALUES (NULL, 'Untangle the invoice calculator', 'refactoring', 'medium', 50, 80000,
ARRAY['Pin the current behaviour down with tests before you change anything, odd cases included.',
      'Floats and money do not mix: decide where cents become integers or Decimals.',
      'Each discount rule can be a small function with one job; the order they run in is part of the behaviour.',
      'If you find a bug, keep the old behaviour in the refactoring and report the bug separately.'],
$md$## Untangle the invoice calculator

This function computes invoice totals for a B2B shop. It works, mostly, and
everyone is afraid to touch it. A new rule is coming (a 3 % discount for
invoices paid by direct debit), and the team wants it cleaned up first.

```javascript
function calc(inv, c) {
  var t = 0, d = 0, lines = [];
  for (var i = 0; i < inv.items.length; i++) {
    var it = inv.items[i];
    var p = it.price * it.qty;
    if (it.qty >= 100) p = p * 0.9;
    else if (it.qty >= 50) p = p * 0.95;
    if (c.type == "gold") { p = p * 0.97; d += it.price * it.qty * 0.03 }
    lines.push({ sku: it.sku, total: Math.round(p * 100) / 100 });
    t += p;
  }
  if (t > 10000 && c.type != "gold") { d += t * 0.02; t = t * 0.98 }
  var vat = c.country == "DE" ? 0.19 : c.country == "FR" ? 0.2 :
            c.country == "NL" ? 0.21 : 0;
  if (c.vatId && c.country != "DE") vat = 0;
  var tax = t * vat;
  return { lines: lines, net: Math.round(t * 100) / 100,
           tax: Math.round(tax * 100) / 100,
           gross: Math.round((t + tax) * 100) / 100, discount: d };
}
```

### Task

1. Write characterisation tests that pin down today's behaviour, including
   volume discounts, gold customers, large orders and reverse-charge VAT.
2. Refactor into code a new colleague can read: names, small functions, no
   floating-point money, no behaviour change (unless you flag it).
3. Add the direct-debit discount: 3 % off the net, applied after every other
   discount, when `inv.payment == "direct_debit"`.
4. List anything you think is a bug in the original, and what you would ask the
   business before fixing it.

Any language is fine; keep the same inputs and outputs.
$md$);
