-- 006_seed_questions.sql: the question bank shipped with viva for the adaptive
-- interviewer (org_id NULL: every org sees it, none can change it).
--
-- Five roles, each with 3 or 4 key skill areas. Every key area has at least two
-- questions at each of the five levels: warmup (getting started), fundamental
-- (core concepts), intermediate (practical application), advanced (architecture,
-- edge cases, optimisation) and expert (internals, system design, trade-offs at
-- scale). Behavioural questions sit in 'collaboration' or 'ownership', outside
-- the key areas, so they never hold up an interview's completion; their rubrics
-- have one point per part of STAR and one on the substance.
--
-- rubric: {"points": [{"text", "weight": 1..5, "phrases": [...]}]}. Phrases are
-- what the builtin scorer looks for in an answer: lowercase, no punctuation,
-- base forms (it folds plurals and -ing/-ed), with the synonyms a good answer
-- uses. sample_answer makes every point; practice mode shows it as the stronger
-- answer. Bodies and sample answers are Markdown in $md$ quotes, rubrics JSON in
-- $j$ quotes.

INSERT INTO roles (org_id, slug, name, skill_areas) VALUES
(NULL, 'react', 'React developer',
 ARRAY['components', 'hooks', 'state_management', 'performance']),
(NULL, 'python', 'Python developer',
 ARRAY['language_core', 'data_structures', 'testing', 'concurrency']),
(NULL, 'javascript', 'JavaScript developer',
 ARRAY['language_core', 'async', 'browser']),
(NULL, 'fullstack', 'Full-stack developer',
 ARRAY['api_design', 'databases', 'web_security']),
(NULL, 'customer-support', 'Customer support specialist',
 ARRAY['communication', 'de_escalation', 'troubleshooting', 'product_knowledge']);

-- React developer: components ---------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'warmup',
$md$What drew you to React, and what kind of React projects have you worked on recently? Tell us about one component you are proud of.$md$,
$j${"points": [
	{"text": "Describes real React work: the projects, the team, how long", "weight": 2, "phrases": ["project", "app", "team", "year", "build"]},
	{"text": "Gives a reason React appeals: declarative UI, composition, reuse", "weight": 2, "phrases": ["declarative", "reusable", "composition", "compose", "ecosystem", "jsx"]},
	{"text": "Describes a specific component and what makes it good", "weight": 1, "phrases": ["prop", "state", "reuse", "test", "accessible"]}]}$j$,
ARRAY['What would you change about that component today?'],
$md$I have used React for about three years, mostly building dashboards and a customer portal with a small team. What drew me in is the declarative model: I describe the UI for a given state and React updates the page, and composing small reusable components keeps a big app understandable. A component I am proud of is a data table that takes its columns as props, keeps its sorting state inside, and is reused across five pages with tests for each behaviour.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'warmup',
$md$Which React feature or pattern do you enjoy working with most, and why?$md$,
$j${"points": [
	{"text": "Names a concrete feature or pattern", "weight": 2, "phrases": ["hook", "composition", "jsx", "context", "suspense", "custom hook"]},
	{"text": "Explains why it helps: less code, reuse, readability", "weight": 2, "phrases": ["reuse", "readable", "simpler", "less code", "separate", "clean"]},
	{"text": "Backs it with an example from their work", "weight": 1, "phrases": ["for example", "in my last", "project", "we used", "recently"]}]}$j$,
ARRAY['Is there a React feature you find awkward or overused?'],
$md$I enjoy composition with custom hooks most. A hook like `useDebounce` or `usePagination` lets me pull stateful logic out of a component and reuse it, so components stay readable and mostly describe markup. For example, in my last project three different tables shared one `useSortableData` hook instead of three copies of the same sorting code.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'fundamental',
$md$What is the difference between **props** and **state** in a React component?$md$,
$j${"points": [
	{"text": "Props are inputs passed from the parent and read-only in the component", "weight": 3, "phrases": ["parent", "passed in", "read only", "immutable", "input"]},
	{"text": "State is owned by the component, changed through a setter, and a change re-renders it", "weight": 3, "phrases": ["own", "usestate", "use state", "setstate", "set state", "re render"]},
	{"text": "Data flows one way: state passed down as props, changes requested through callbacks", "weight": 1, "phrases": ["one way", "unidirectional", "data flow", "callback", "lift"]}]}$j$,
ARRAY['What happens if a component mutates a prop object it received?'],
$md$Props are the inputs a component receives from its parent; they are read-only inside the component. State is data the component owns and changes over time, updated with the setter from `useState` (or `setState` in a class), and each update makes React re-render it. Data flows one way: a parent passes its state down as props, and a child asks for changes through callback props such as `onChange`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'fundamental',
$md$Why does React need a `key` prop when you render a list, and why is the array index often a poor key?$md$,
$j${"points": [
	{"text": "Keys identify items across renders so reconciliation can match old and new children", "weight": 3, "phrases": ["identify", "identity", "reconciliation", "match", "diffing", "which item"]},
	{"text": "A key must be stable and unique among siblings, such as an id from the data", "weight": 2, "phrases": ["stable", "unique", "id", "sibling"]},
	{"text": "An index key breaks when items are reordered, inserted or removed: state ends up on the wrong item", "weight": 3, "phrases": ["reorder", "insert", "delete", "remove", "wrong item", "sort"]}]}$j$,
ARRAY['When is using the index as a key acceptable?', 'What happens if two siblings have the same key?'],
$md$React uses keys to identify which element in a list is which between renders, so reconciliation can match old and new children, keep their state and DOM nodes, and move them instead of recreating them. A key should be stable and unique among siblings, usually an id from the data. The index is a poor key when items can be reordered, inserted or deleted: the key then follows the position rather than the item, so component state and uncontrolled inputs end up attached to the wrong item.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'intermediate',
$md$How would you design a reusable `Modal` component so that callers can put any content inside it and control when it is open?$md$,
$j${"points": [
	{"text": "Content through composition: children or named slot props", "weight": 3, "phrases": ["children", "composition", "slot", "render prop"]},
	{"text": "Controlled open state: the parent passes isOpen and onClose", "weight": 3, "phrases": ["controlled", "isopen", "is open", "onclose", "on close"]},
	{"text": "Rendered in a portal and accessible: dialog role, focus trap, Escape, focus returned", "weight": 2, "phrases": ["portal", "focus", "escape", "aria", "accessible", "accessibility"]}]}$j$,
ARRAY['How would you let a caller stop the modal from closing while a form is unsaved?'],
$md$I would make it controlled: the parent passes `isOpen` and an `onClose` callback, so the open state lives where the decision is made. Content comes in through `children` (composition), with optional props such as a title or a footer. I would render it through a portal into `document.body` so it escapes overflow and z-index problems, and make it accessible: a dialog role with aria attributes, focus moved into it and trapped, Escape to close, and focus returned to the trigger when it closes.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'intermediate',
$md$A form has a dozen inputs. Compare **controlled** and **uncontrolled** inputs in React, and say which you would use here.$md$,
$j${"points": [
	{"text": "Controlled: the value lives in React state and changes through onChange", "weight": 3, "phrases": ["controlled", "value", "onchange", "on change", "source of truth"]},
	{"text": "Uncontrolled: the DOM keeps the value, read through a ref or FormData", "weight": 3, "phrases": ["uncontrolled", "ref", "useref", "defaultvalue", "default value", "formdata"]},
	{"text": "Weighs the trade-off: live validation against a re-render per keystroke, form libraries", "weight": 2, "phrases": ["validation", "validate", "re render", "form library", "react hook form", "keystroke"]}]}$j$,
ARRAY['How would you validate a field that depends on another field?'],
$md$A controlled input gets its `value` from React state and reports every change through `onChange`, so React is the single source of truth and I can validate or format as the user types. An uncontrolled input keeps its value in the DOM; I give it a `defaultValue` and read it with a ref or `FormData` on submit. For a dozen fields I would use controlled inputs if I need live validation or dependent fields and accept a re-render per keystroke, or use a form library such as React Hook Form, which registers uncontrolled inputs through refs to avoid that cost.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'advanced',
$md$When would you build **compound components** (for example `<Tabs>`, `<Tabs.List>`, `<Tabs.Panel>`) instead of one component with many props, and how do the parts share state?$md$,
$j${"points": [
	{"text": "Use them when callers need control over layout and order, and one component would need too many props", "weight": 2, "phrases": ["layout", "order", "too many props", "flexible", "flexibility", "markup"]},
	{"text": "The parent holds the state and shares it with the parts through context", "weight": 3, "phrases": ["context", "createcontext", "usecontext", "use context", "provider"]},
	{"text": "Names the cost: implicit coupling, parts that only work inside the parent", "weight": 2, "phrases": ["implicit", "coupling", "outside", "throw", "error", "document"]}]}$j$,
ARRAY['How would you type these parts in TypeScript?'],
$md$Compound components fit when callers need control over layout and order (the tab list below the panels, or extra markup between parts) and a single component would need too many props to configure all of that. The parent holds the state, such as the active tab, and shares it with the parts through context: `Tabs` renders a provider and `Tabs.Tab` or `Tabs.Panel` read it with `useContext`. The cost is implicit coupling: the parts only work inside the parent, so I make the hook throw a clear error when the context is missing and document the allowed structure.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'advanced',
$md$What is an **error boundary**, which errors does it not catch, and where would you place error boundaries in an application?$md$,
$j${"points": [
	{"text": "A class component with getDerivedStateFromError or componentDidCatch that renders a fallback for errors thrown while rendering its subtree", "weight": 3, "phrases": ["class", "getderivedstatefromerror", "componentdidcatch", "fallback", "subtree"]},
	{"text": "It does not catch errors in event handlers, async code, server rendering or itself", "weight": 3, "phrases": ["event handler", "async", "settimeout", "promise", "server side", "itself"]},
	{"text": "Placement: at the top and around routes or independent widgets, reporting to logging", "weight": 2, "phrases": ["route", "widget", "granular", "log", "report", "sentry"]}]}$j$,
ARRAY['How would you let the user retry after an error boundary has caught an error?'],
$md$An error boundary is a class component that implements `static getDerivedStateFromError` to render a fallback and usually `componentDidCatch` to log; it catches errors thrown while rendering, in lifecycle methods and in constructors of the components in its subtree. It does not catch errors in event handlers, in async code such as `setTimeout` callbacks or promise rejections, during server-side rendering, or in the boundary itself; those need try/catch or a global handler. I place one at the top as a last resort and more around each route and independent widget, so a broken chart does not blank the page, and report the error to our logging service.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'expert',
$md$Explain how React's reconciliation decides whether to update a DOM node in place or to unmount and remount a subtree. Which heuristics does it rely on, and how can they surprise you?$md$,
$j${"points": [
	{"text": "A different element type at the same position tears down the old subtree and its state", "weight": 3, "phrases": ["different type", "unmount", "remount", "tear down", "destroy", "lose state"]},
	{"text": "The same type keeps the instance and updates props; keys match children in lists", "weight": 2, "phrases": ["same type", "keep the instance", "update prop", "key"]},
	{"text": "These heuristics make the diff linear instead of a general tree diff", "weight": 2, "phrases": ["heuristic", "o n", "linear", "tree diff"]},
	{"text": "Surprises: a component defined inside another remounts every render; same type in both branches shares state; a key change resets", "weight": 3, "phrases": ["inside", "defined inside", "new type", "focus", "reset", "position"]}]}$j$,
ARRAY['Why can changing a key be a deliberate way to reset a component?'],
$md$React diffs the new element tree against the current one with two heuristics that make it O(n) instead of a general tree diff: elements of a different type produce different trees, and keys identify children across renders. If the type at a position changes (a `div` becomes a `section`, or `ComponentA` becomes `ComponentB`), React unmounts the old subtree, losing its state and DOM, and mounts the new one; if the type is the same, it keeps the instance and updates the props. This can surprise you: a component defined inside another component's body is a new type on every render, so its subtree remounts and inputs lose focus and state; and two branches of a conditional that render the same type at the same position share state, which you fix by giving them different keys, since changing a key is also how you deliberately reset a component.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'components', 'technical', 'expert',
$md$With **React Server Components**, what runs on the server and what on the client, what can a server component not do, and what are the trade-offs of this model?$md$,
$j${"points": [
	{"text": "Server components render only on the server, ship no JavaScript, can be async and read data directly", "weight": 3, "phrases": ["server", "no javascript", "bundle", "async", "database"]},
	{"text": "They cannot use state, effects, event handlers or browser APIs; interactive parts are client components marked use client", "weight": 3, "phrases": ["use client", "usestate", "useeffect", "event handler", "browser api"]},
	{"text": "Props passed to client components must be serializable", "weight": 2, "phrases": ["serializable", "serialize", "serialise", "boundary"]},
	{"text": "Trade-offs: smaller bundles and no client waterfalls against framework coupling and a harder mental model", "weight": 2, "phrases": ["smaller bundle", "waterfall", "framework", "complexity", "mental model", "cache"]}]}$j$,
ARRAY['How would you pass an interactive button into an otherwise server-rendered list?'],
$md$Server components render only on the server, at build time or per request; their code never ships to the browser, so they can be async and read from the database or file system directly, and they add nothing to the bundle. They cannot use state or effects (`useState`, `useEffect`), event handlers or browser APIs; anything interactive goes in a client component, a module marked with the `'use client'` directive, which is still rendered on the server for the first HTML and then hydrated in the browser. Props passed from a server component to a client component cross a network boundary and must be serializable, so no plain functions (server actions aside) or class instances. The gain is smaller bundles and data fetching next to the data without client waterfalls; the cost is tighter coupling to a framework such as Next.js, a more complex mental model of where code runs, and caching behaviour you must understand.$md$);

-- React developer: hooks ------------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'warmup',
$md$Which React hook do you use most often in your day-to-day work, and what do you use it for?$md$,
$j${"points": [
	{"text": "Names a hook and its purpose", "weight": 2, "phrases": ["usestate", "use state", "useeffect", "use effect", "usememo", "custom hook"]},
	{"text": "Gives a concrete example of using it", "weight": 2, "phrases": ["for example", "form", "fetch", "toggle", "counter", "search"]},
	{"text": "Says what hooks improved over what came before", "weight": 1, "phrases": ["class", "simpler", "reuse", "readable", "lifecycle"]}]}$j$,
ARRAY['Which hook did you find hardest to learn?'],
$md$Probably `useState`, closely followed by `useEffect`. For example, in a search form I keep the query in state and use an effect to fetch results when it changes, with a cleanup that cancels the stale request. Compared with class components, hooks feel simpler: related logic sits together, and I can pull it into a custom hook to reuse it.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'warmup',
$md$Have you written a **custom hook**? Tell us what it did and why you extracted it.$md$,
$j${"points": [
	{"text": "Describes a custom hook, named with the use prefix", "weight": 2, "phrases": ["custom hook", "usedebounce", "usefetch", "uselocalstorage", "use prefix"]},
	{"text": "Explains why: sharing logic, cleaner components, testing", "weight": 2, "phrases": ["reuse", "share", "separate", "clean", "test"]},
	{"text": "Built from other hooks, returning values to the component", "weight": 1, "phrases": ["state", "effect", "return", "usestate", "useeffect"]}]}$j$,
ARRAY['How did you test it?'],
$md$Yes, a `useDebounce` custom hook: it takes a value and a delay, keeps the debounced value in state and uses an effect with a timer that restarts whenever the value changes, returning the latest settled value. I extracted it because three search boxes repeated the same timer logic; now they share it, the components are cleaner, and I test the hook once on its own.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'fundamental',
$md$What are the **Rules of Hooks**, and why does React need them?$md$,
$j${"points": [
	{"text": "Call hooks only at the top level, never in loops, conditions or nested functions", "weight": 3, "phrases": ["top level", "loop", "condition", "nested"]},
	{"text": "Call hooks only from function components or custom hooks", "weight": 2, "phrases": ["function component", "custom hook", "regular function", "component"]},
	{"text": "React matches hook calls to their state by call order, so the order must not change", "weight": 3, "phrases": ["order", "call order", "same order", "index", "linked list"]}]}$j$,
ARRAY['What does the eslint-plugin-react-hooks plugin check?'],
$md$Call hooks only at the top level of a function component or a custom hook, never inside loops, conditions or nested functions, and never from regular JavaScript functions or class components. React needs this because it does not identify hooks by name: it keeps each component's hook state in a list and matches each call to its slot by call order. If a condition skipped a hook on one render, every later hook would read another hook's state. The eslint-plugin-react-hooks rules enforce both.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'fundamental',
$md$What does the dependency array of `useEffect` control? Explain the difference between no array, an empty array `[]`, and `[userId]`.$md$,
$j${"points": [
	{"text": "No array: the effect runs after every render", "weight": 2, "phrases": ["every render", "each render", "always run"]},
	{"text": "Empty array: it runs once after mount, its cleanup on unmount", "weight": 2, "phrases": ["mount", "once", "unmount", "first render"]},
	{"text": "[userId]: it re-runs when userId changes, compared with Object.is", "weight": 2, "phrases": ["change", "object is", "compare", "differ"]},
	{"text": "The previous cleanup runs before a re-run; a missing dependency gives a stale closure", "weight": 2, "phrases": ["cleanup", "clean up", "stale", "exhaustive deps", "missing dependency"]}]}$j$,
ARRAY['Why might an effect with an empty array run twice in development?'],
$md$The array tells React when to re-run the effect after a render. With no array the effect runs after every render; with an empty array it runs once after the component mounts, and its cleanup runs on unmount (in development, Strict Mode mounts twice on purpose to check the cleanup). With `[userId]` it runs after the first render and again after any render where `userId` changed, compared with `Object.is`. Before re-running, React calls the previous cleanup; leaving a used value out of the array gives a stale closure, which the exhaustive-deps lint rule catches.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'intermediate',
$md$This component fetches a user whenever `id` changes. What can go wrong, and how would you fix it?

```jsx
useEffect(() => {
  fetch(`/api/users/${id}`)
    .then(r => r.json())
    .then(setUser);
}, [id]);
```$md$,
$j${"points": [
	{"text": "Race condition: an older response can arrive last and show the wrong user", "weight": 3, "phrases": ["race", "out of order", "stale", "older response", "wrong user"]},
	{"text": "Fix with a cleanup that aborts the request or ignores its result", "weight": 3, "phrases": ["abortcontroller", "abort", "cleanup", "ignore", "cancel"]},
	{"text": "Handles errors and loading: checks r.ok, catches failures", "weight": 2, "phrases": ["error", "loading", "catch", "r ok", "status"]},
	{"text": "Mentions a data-fetching library that handles this", "weight": 1, "phrases": ["react query", "tanstack", "swr", "cache"]}]}$j$,
ARRAY['How would you show a loading indicator without flashing it for fast responses?'],
$md$If `id` changes quickly, two requests are in flight and the older response can arrive last, so the component shows the wrong user: a race condition. I would return a cleanup from the effect that calls `abort()` on an `AbortController` passed to `fetch` (or sets an `ignore` flag), so a stale response is never applied. The code also ignores errors: I would check `r.ok`, catch failures and keep loading and error state. In a real app I would use a data library such as TanStack Query or SWR, which handles cancellation, caching and deduplication.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'intermediate',
$md$When do `useMemo` and `useCallback` actually help, and when are they just overhead?$md$,
$j${"points": [
	{"text": "useMemo caches a computed value and useCallback a function, keeping their identity between renders", "weight": 2, "phrases": ["cache", "memoize", "memoise", "identity", "same reference", "referential"]},
	{"text": "They help for expensive computations, props of a memoized child, and effect dependencies", "weight": 3, "phrases": ["expensive", "react memo", "child", "dependency", "dependencies"]},
	{"text": "Otherwise they add overhead and noise; measure first with the profiler", "weight": 2, "phrases": ["overhead", "profiler", "measure", "premature", "cheap"]}]}$j$,
ARRAY['What does the React Compiler change about this advice?'],
$md$`useMemo` caches the result of a computation and `useCallback` caches a function, so they keep the same identity between renders until a dependency changes. They help when the computation is expensive (filtering thousands of rows), when the value goes to a child wrapped in `React.memo` that would otherwise re-render, or when it is a dependency of an effect that should not re-run on every render. For cheap values passed to ordinary elements they are overhead: React still compares the dependencies and keeps the old value, and the code gets harder to read, so I add them after the profiler shows a problem. The React Compiler can now add this memoization automatically.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'advanced',
$md$Compare `useEffect` and `useLayoutEffect`. When does each run, and when is `useLayoutEffect` the right choice?$md$,
$j${"points": [
	{"text": "useEffect runs after the commit, usually after the browser paints, without blocking it", "weight": 3, "phrases": ["after paint", "not block", "non blocking", "asynchronous"]},
	{"text": "useLayoutEffect runs synchronously after DOM mutations and before paint, blocking it", "weight": 3, "phrases": ["before paint", "synchronous", "block paint", "dom mutation"]},
	{"text": "Right for measuring layout and adjusting before the user sees a flicker", "weight": 2, "phrases": ["measure", "flicker", "tooltip", "position", "getboundingclientrect"]},
	{"text": "Costs performance and does not run during server rendering", "weight": 1, "phrases": ["performance", "server render", "ssr", "sparingly"]}]}$j$,
ARRAY['Why can useLayoutEffect make a slow component feel slower?'],
$md$`useEffect` runs after React commits and, usually, after the browser has painted, so it does not block the screen; it suits data fetching, subscriptions and logging. `useLayoutEffect` runs synchronously after React has applied the DOM mutations but before the browser paints, and blocks painting until it finishes. It is the right choice when you must measure layout, say with `getBoundingClientRect`, and then move a tooltip or change a size, so the user never sees a flicker of the wrong position. Because it blocks painting it costs performance, and it does not run during server rendering, so I use it sparingly.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'advanced',
$md$How would you write a `useInterval(callback, delay)` hook so that the timer always calls the latest `callback` without being reset on every render?$md$,
$j${"points": [
	{"text": "Keeps the latest callback in a ref, updated after each render", "weight": 3, "phrases": ["ref", "useref", "current", "latest"]},
	{"text": "An effect that depends only on delay sets the interval and clears it in its cleanup", "weight": 3, "phrases": ["setinterval", "clearinterval", "cleanup", "delay"]},
	{"text": "Explains why: without the ref the timer resets or calls a stale closure; null can pause", "weight": 2, "phrases": ["stale closure", "stale", "reset", "pause", "null"]}]}$j$,
ARRAY['How would you test this hook without waiting for real time to pass?'],
$md$I keep the callback in a ref, `const saved = useRef(callback)`, and update it in an effect after every render (`saved.current = callback`), so the timer can always call the latest version. A second effect depends only on `delay`: it calls `setInterval(() => saved.current(), delay)` and returns a cleanup that calls `clearInterval`, so the interval is only recreated when the delay changes. Without the ref, putting `callback` in the dependencies would reset the timer on every render, and leaving it out would call a stale closure; a `null` delay can mean pause.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'expert',
$md$How do hooks work under the hood? Explain where React stores a component's `useState` values and what happens when you call a state setter.$md$,
$j${"points": [
	{"text": "Hook state lives on the component's fiber as a linked list of hooks in call order", "weight": 3, "phrases": ["fiber", "linked list", "memoizedstate", "call order", "list of hooks"]},
	{"text": "A setter enqueues an update on the hook's queue and schedules a render with a lane", "weight": 3, "phrases": ["queue", "enqueue", "schedule", "lane", "priority"]},
	{"text": "Updates are batched and processed in order on the next render", "weight": 2, "phrases": ["batch", "next render", "process", "updater function"]},
	{"text": "An unchanged value by Object.is lets React bail out", "weight": 1, "phrases": ["object is", "bail out", "same value"]}]}$j$,
ARRAY['Why does logging state right after calling its setter print the old value?'],
$md$Each component instance has a fiber, and the fiber's `memoizedState` points to a linked list of hook objects, one per hook call, in call order; that is why hooks must be called in the same order on every render. Calling a setter does not change the state immediately: it creates an update, appends it to that hook's queue and schedules a re-render of the fiber in a lane, the update's priority. React 18 batches updates from the same event, then on the next render walks the hook list again, processes each queue in order (applying updater functions) and produces the new state. If the new value is the same as the old one by `Object.is`, React can bail out without re-rendering the children.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'hooks', 'technical', 'expert',
$md$Explain concurrent rendering in React 18: what `startTransition` and `useDeferredValue` do, and how rendering can be interrupted without the user seeing an inconsistent UI.$md$,
$j${"points": [
	{"text": "The render phase works in interruptible units and yields to the browser; the commit stays synchronous", "weight": 3, "phrases": ["interrupt", "yield", "render phase", "commit", "unit of work"]},
	{"text": "startTransition marks an update as non-urgent, so urgent updates such as typing interrupt it", "weight": 3, "phrases": ["starttransition", "transition", "non urgent", "urgent", "priority"]},
	{"text": "useDeferredValue renders with the old value first, then the new one in the background", "weight": 2, "phrases": ["usedeferredvalue", "deferred", "old value", "lag", "background"]},
	{"text": "Consistency: the screen shows the old tree until commit; external stores need useSyncExternalStore to avoid tearing", "weight": 2, "phrases": ["tear", "usesyncexternalstore", "work in progress", "complete tree"]}]}$j$,
ARRAY['How would you show that a transition is pending?'],
$md$In concurrent rendering React can prepare a new tree in the render phase in small units of work, yield to the browser between them, and throw the work away if something more urgent arrives; the commit phase, which touches the DOM, is still synchronous, so the user only ever sees a complete tree. `startTransition` marks an update as non-urgent (a lower priority), so typing stays responsive while, say, a filtered list re-renders in the background and is interrupted by each new keystroke. `useDeferredValue` gives you a value that lags behind: React first re-renders with the old value and then renders with the new one as a transition. Because rendering can pause, an external store that changes mid-render could tear the UI, which is why libraries read external stores through `useSyncExternalStore`.$md$);

-- React developer: state management -------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'warmup',
$md$Which state management approaches have you used in React apps (local state, Context, Redux, Zustand, React Query, ...)? Which did you enjoy working with?$md$,
$j${"points": [
	{"text": "Names approaches they have actually used", "weight": 2, "phrases": ["usestate", "context", "redux", "zustand", "react query", "mobx"]},
	{"text": "Gives a preference with a reason", "weight": 2, "phrases": ["because", "boilerplate", "devtools", "predictable", "simple"]},
	{"text": "Matches the tool to the size of the app", "weight": 1, "phrases": ["small", "large", "depends", "size"]}]}$j$,
ARRAY['What made you move from one approach to another?'],
$md$I have used local `useState` everywhere, Context for the theme and the signed-in user, Redux Toolkit on a large dashboard and React Query for server data. I liked React Query most because it removed a lot of boilerplate for loading, caching and refetching, and Redux Toolkit's devtools made a complex app predictable. My rule of thumb is that it depends on the size of the app: small apps rarely need more than local state and context.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'warmup',
$md$In your most recent React project, where did most of the state live, and were you happy with that choice?$md$,
$j${"points": [
	{"text": "Describes where state lived", "weight": 2, "phrases": ["local", "component", "store", "context", "url"]},
	{"text": "Reflects on what worked and what they would change", "weight": 2, "phrases": ["worked well", "would change", "happy", "problem", "regret"]},
	{"text": "Tells kinds of state apart: UI state, server data, form state", "weight": 1, "phrases": ["ui state", "server data", "server state", "form", "cache"]}]}$j$,
ARRAY['Which piece of state caused the most bugs?'],
$md$Most UI state, like open menus and form fields, lived locally in components, the signed-in user sat in a context, and server data lived in React Query's cache. That worked well: components stayed simple and we never synced server data into a store by hand. What I would change is the filters, which we kept in component state; putting them in the URL would have made views shareable and survived a reload.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'fundamental',
$md$What does **lifting state up** mean in React, and when do you do it?$md$,
$j${"points": [
	{"text": "Moving state to the closest common ancestor of the components that need it", "weight": 3, "phrases": ["common ancestor", "common parent", "parent", "move state"]},
	{"text": "The parent passes the value down as props and changes up through callbacks", "weight": 2, "phrases": ["props", "callback", "pass down", "onchange"]},
	{"text": "When siblings must stay in sync: one source of truth", "weight": 2, "phrases": ["sibling", "in sync", "share", "source of truth"]}]}$j$,
ARRAY['What do you do when the common ancestor is very far up the tree?'],
$md$Lifting state up means moving state out of a component into the closest common ancestor when two or more components need the same data. The parent owns the state and passes it down as props, along with callbacks such as `onChange` that let children ask for changes. I do it when siblings must stay in sync, like a filter input and the list it filters, so there is a single source of truth instead of two copies that drift apart.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'fundamental',
$md$What problem does React **Context** solve, and what is it not a good fit for?$md$,
$j${"points": [
	{"text": "Avoids prop drilling: a provider makes a value available to any descendant through useContext", "weight": 3, "phrases": ["prop drilling", "provider", "usecontext", "use context", "descendant"]},
	{"text": "Good for widely used values that change rarely: theme, locale, current user", "weight": 2, "phrases": ["theme", "locale", "current user", "auth", "rarely"]},
	{"text": "Poor for state that changes often: every consumer re-renders on each change", "weight": 3, "phrases": ["re render", "every consumer", "consume", "often", "frequent", "split"]}]}$j$,
ARRAY['How would you stop a context from re-rendering every consumer on each change?'],
$md$Context solves prop drilling: a provider makes a value available to any descendant, which reads it with `useContext`, without passing it through every level. It fits values that many components need and that change rarely, such as the theme, the locale or the current user. It is a poor fit for state that changes often, because every component that consumes the context re-renders when the value changes; for that I split contexts, memoize the value, or use a store with selectors.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'intermediate',
$md$A shopping cart's items, totals and discount code are updated from many components. When would you use `useReducer` for this, and what would the reducer look like?$md$,
$j${"points": [
	{"text": "useReducer for related state with many kinds of updates, described as dispatched actions", "weight": 3, "phrases": ["usereducer", "use reducer", "action", "dispatch", "related"]},
	{"text": "The reducer is a pure function returning new state without mutating", "weight": 3, "phrases": ["pure", "new state", "new object", "mutate", "immutable", "switch"]},
	{"text": "Totals are derived from items, not stored", "weight": 2, "phrases": ["derive", "computed", "calculate", "not store"]},
	{"text": "State and dispatch shared through context", "weight": 1, "phrases": ["context", "provider"]}]}$j$,
ARRAY['How would you test this reducer?'],
$md$I would use `useReducer` when several related pieces of state change together and there are many kinds of updates: components then `dispatch` actions such as `{ type: 'added', item }` or `{ type: 'discountApplied', code }` that describe what happened. The reducer is a pure function `(state, action) => newState`, a `switch` on the action type that returns a new object and never mutates the old one, which makes it easy to test. I would derive the totals from the items during render rather than store them, so they can never disagree, and share the state and `dispatch` through context so any component can use them.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'intermediate',
$md$How do you decide whether a piece of data belongs in component state, in the URL, in a global store, or in a server-cache library such as React Query?$md$,
$j${"points": [
	{"text": "Server data goes in a server cache that handles caching, refetching and staleness", "weight": 3, "phrases": ["server state", "server data", "react query", "refetch", "stale"]},
	{"text": "Shareable navigation state such as filters and pages goes in the URL", "weight": 2, "phrases": ["url", "query string", "search param", "shareable", "reload"]},
	{"text": "UI-only state stays local to the component", "weight": 2, "phrases": ["local", "component state", "dropdown"]},
	{"text": "Only truly shared client state goes in a global store", "weight": 2, "phrases": ["global", "store", "redux", "zustand", "shared client state"]}]}$j$,
ARRAY['Where would you keep the state of a multi-step wizard?'],
$md$Data that comes from the server is server state: I keep it in React Query or SWR, which handle the cache, refetching and deciding when it is stale, instead of copying it into a store. State that should survive a reload or be shareable, like filters, the page number or the selected tab, goes in the URL as query string parameters. State only one component or a small subtree cares about, such as an open dropdown, stays local component state. What is left, truly shared client state like a shopping cart, goes in a global store such as Zustand or Redux.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'advanced',
$md$Components subscribed to a large Redux or Zustand store re-render far too often. How do selectors help, and which mistakes make them ineffective?$md$,
$j${"points": [
	{"text": "A selector subscribes to one slice; the component re-renders only when that value changes by reference", "weight": 3, "phrases": ["selector", "slice", "only when", "reference", "strict equal"]},
	{"text": "Mistake: a selector returning a new object or array each time, so every update looks like a change", "weight": 3, "phrases": ["new object", "new array", "new reference", "filter", "map"]},
	{"text": "Fixes: select primitives, memoized selectors, shallow equality", "weight": 3, "phrases": ["createselector", "reselect", "memoize", "memoise", "shallow", "primitive"]}]}$j$,
ARRAY['How would you find which selector is causing the re-renders?'],
$md$A selector subscribes a component to just the slice it needs: `useSelector(s => s.cart.count)` re-renders only when that value changes by reference (`===` in React Redux, `Object.is` in Zustand). The usual mistake is a selector that returns a new object or array every time, such as `s.items.filter(i => i.done)` or `{ a: s.a, b: s.b }`: the new reference counts as a change, so the component re-renders on every store update. The fixes are to select primitives or separate values, memoize derived data with `createSelector` from Reselect, or compare with shallow equality (`shallowEqual` in React Redux, `useShallow` in Zustand).$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'advanced',
$md$How would you implement **optimistic updates** for a "like" button, including what happens when the server request fails?$md$,
$j${"points": [
	{"text": "Updates the UI immediately, before the server confirms", "weight": 3, "phrases": ["immediately", "optimistic", "before the server", "instant"]},
	{"text": "Keeps a snapshot of the previous state and rolls back on error, telling the user", "weight": 3, "phrases": ["roll back", "rollback", "revert", "snapshot", "previous state"]},
	{"text": "Reconciles with the server afterwards and guards against races from rapid clicks", "weight": 2, "phrases": ["invalidate", "refetch", "server response", "race", "rapid click"]},
	{"text": "Knows tool support such as onMutate in React Query or useOptimistic", "weight": 1, "phrases": ["onmutate", "useoptimistic", "react query", "tanstack"]}]}$j$,
ARRAY['When would you not use an optimistic update?'],
$md$On click I update the UI immediately, filling the heart and incrementing the count before the server answers, because likes almost always succeed. I keep a snapshot of the previous state and, if the request fails, roll back to it and show a short error so the user knows. When the request settles I reconcile with the server response or invalidate the query to refetch the true count, and I guard against races from rapid clicks, for example by ignoring stale responses or sending the final state. With React Query this is `onMutate`, `onError` and `onSettled`, and React 19 has `useOptimistic` for the same pattern.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'expert',
$md$Design the client-side state architecture for a collaborative document editor where several people edit at once. What state lives where, and how do clients stay consistent?$md$,
$j${"points": [
	{"text": "Separates the shared document from local UI state and presence", "weight": 2, "phrases": ["local", "ui state", "presence", "separate", "selection"]},
	{"text": "Syncs operations in real time and resolves conflicts with CRDTs or operational transforms", "weight": 3, "phrases": ["crdt", "operational transform", "yjs", "automerge", "conflict", "converge"]},
	{"text": "Applies edits locally first and handles offline work and reconnection", "weight": 2, "phrases": ["offline", "optimistic", "pending", "reconnect", "queue"]},
	{"text": "Keeps the document in an external store with fine-grained subscriptions so React does not re-render everything", "weight": 2, "phrases": ["usesyncexternalstore", "external store", "subscribe", "fine grained"]}]}$j$,
ARRAY['How would you handle undo when other people are editing the same paragraph?'],
$md$I would separate three kinds of state: the shared document, which is synced; local UI state such as the selection, open menus and the cursor, plus other users' presence; and ordinary server cache such as permissions. The document lives in a CRDT such as Yjs or Automerge (or behind an operational transform server): each client applies its edits locally at once, sends operations over a WebSocket and merges remote ones, and the CRDT resolves conflicts so every client converges to the same state, even after working offline with a queue of pending changes. React should not own the document: I keep it in an external store and let components subscribe to the parts they render through `useSyncExternalStore`, so a keystroke in one paragraph does not re-render the whole document.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'state_management', 'technical', 'expert',
$md$What would you weigh when choosing between Redux Toolkit, Zustand, Jotai (atomic state) and a signals-based library for a large application maintained by several teams?$md$,
$j${"points": [
	{"text": "Redux Toolkit: one store, explicit actions, middleware and devtools; conventions at the cost of boilerplate", "weight": 2, "phrases": ["redux", "devtools", "middleware", "convention", "boilerplate", "time travel"]},
	{"text": "Zustand: minimal API, little structure imposed", "weight": 2, "phrases": ["zustand", "minimal", "less boilerplate", "structure"]},
	{"text": "Jotai: bottom-up atoms and derived atoms with fine-grained updates", "weight": 2, "phrases": ["jotai", "atom", "derived", "fine grained", "bottom up"]},
	{"text": "Signals bypass React's render model; for several teams weigh onboarding, debugging and migration cost", "weight": 3, "phrases": ["signal", "onboarding", "debug", "migration", "ecosystem"]}]}$j$,
ARRAY['How would you migrate a large app from one of these to another without a big-bang rewrite?'],
$md$Redux Toolkit gives one store, explicit actions and reducers, middleware and excellent devtools with time travel; the conventions and boilerplate cost something, but they make a large codebase touched by several teams predictable. Zustand has a minimal API and much less boilerplate, which is pleasant, but it leaves structure to you, so teams need their own conventions. Jotai builds state bottom-up from atoms and derived atoms, giving fine-grained updates without writing selectors, though a web of atoms can be harder to trace. Signals libraries update only what reads a signal, which is fast, but they work around React's render model, so ecosystem support and future compatibility are risks; for several teams I would weigh onboarding, debugging and migration cost at least as much as raw speed.$md$);

-- React developer: performance -------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'warmup',
$md$Have you ever had to make a React app faster? What was slow, and how did you notice?$md$,
$j${"points": [
	{"text": "Describes what was slow", "weight": 2, "phrases": ["slow", "lag", "load", "janky", "bundle"]},
	{"text": "Says how it was noticed or measured", "weight": 2, "phrases": ["profiler", "lighthouse", "devtools", "measure", "user", "metric"]},
	{"text": "Says what they changed and what it gave", "weight": 2, "phrases": ["memo", "virtual", "split", "lazy", "instant", "faster"]}]}$j$,
ARRAY['How did you confirm the fix worked?'],
$md$Yes: a product list with a few thousand rows felt slow, and typing in its search box would lag. Users reported it first, and the React DevTools Profiler showed every row re-rendering on each keystroke. I memoized the row component with `React.memo`, kept its callbacks stable, and later switched to a virtual list so only the visible rows render; typing became instant.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'warmup',
$md$Which tools do you reach for to find out why a React page is slow?$md$,
$j${"points": [
	{"text": "The React DevTools Profiler for renders", "weight": 3, "phrases": ["react devtools", "profiler", "flamegraph", "highlight update"]},
	{"text": "Browser tools for the page: Performance panel, Lighthouse, Web Vitals", "weight": 2, "phrases": ["performance tab", "performance panel", "lighthouse", "web vitals", "chrome devtools"]},
	{"text": "Network and bundle analysis for slow loading", "weight": 1, "phrases": ["bundle analyzer", "network", "bundle size", "webpack"]}]}$j$,
ARRAY['What does the Profiler tell you that console.log timing does not?'],
$md$I start with the React DevTools Profiler, which records commits and shows which components rendered, how long they took and why they rendered. Then I use the Chrome DevTools Performance panel for long tasks and layout work, and Lighthouse or the Web Vitals numbers (LCP, INP, CLS) for the page as a whole. For slow loading I check the network panel and a bundle analyzer to see what is in the JavaScript we ship.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'fundamental',
$md$When does a React component re-render? List the causes.$md$,
$j${"points": [
	{"text": "Its own state changes through a setter", "weight": 2, "phrases": ["state change", "own state", "setter", "setstate", "usestate"]},
	{"text": "Its parent re-renders, by default even if its props did not change", "weight": 3, "phrases": ["parent", "even if", "regardless", "did not change"]},
	{"text": "A context it reads gets a new value", "weight": 2, "phrases": ["context", "usecontext"]},
	{"text": "A subscribed store or hook reports a change", "weight": 1, "phrases": ["store", "subscription", "subscribe", "selector"]}]}$j$,
ARRAY['Does a change of props alone ever cause a re-render?'],
$md$A component re-renders when its own state changes through a setter, when its parent re-renders (by default children re-render even if their props did not change; new props only arrive because the parent rendered), and when a context it reads with `useContext` gets a new value. Hooks that subscribe to an external store, such as a Redux selector, also trigger a re-render when their selected value changes. `React.memo` is what lets a child skip re-rendering when its props are equal.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'fundamental',
$md$What does `React.memo` do, and why can passing an inline object or arrow function as a prop defeat it?$md$,
$j${"points": [
	{"text": "React.memo skips re-rendering when the props are shallowly equal", "weight": 3, "phrases": ["shallow", "skip", "equal", "same props", "compare"]},
	{"text": "An inline object or function is a new reference on every render, so the props differ", "weight": 3, "phrases": ["new reference", "new object", "new function", "every render", "identity"]},
	{"text": "Fix: keep the props stable with useMemo, useCallback or module-level constants", "weight": 2, "phrases": ["usecallback", "usememo", "outside", "stable", "constant"]}]}$j$,
ARRAY['When would you pass a custom comparison function to React.memo?'],
$md$`React.memo` wraps a component so React skips re-rendering it when its props are equal to last time, comparing each prop shallowly with `Object.is`. An inline object like `style={{ color: 'red' }}` or an arrow function like `onClick={() => save(id)}` is created anew on every render, so it is a new reference, the shallow compare sees a change, and the memoized child re-renders anyway. The fix is to keep those props stable: move constants outside the component, or wrap them in `useMemo` and `useCallback`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'intermediate',
$md$A page renders a list of 10,000 rows and scrolling is janky. What would you do?$md$,
$j${"points": [
	{"text": "Virtualize (window) the list so only visible rows are in the DOM", "weight": 3, "phrases": ["virtualize", "virtualise", "windowing", "visible", "react window", "tanstack virtual"]},
	{"text": "Considers pagination or infinite scroll", "weight": 2, "phrases": ["pagination", "paginate", "infinite scroll", "load more"]},
	{"text": "Makes each row cheap: memoized rows, stable keys, fixed heights, no heavy work in render", "weight": 2, "phrases": ["memo", "key", "fixed height", "row height", "cheap"]},
	{"text": "Measures first", "weight": 1, "phrases": ["profiler", "measure"]}]}$j$,
ARRAY['What breaks for accessibility or find-in-page when a list is virtualized?'],
$md$First I would measure with the Profiler to confirm the cost is rendering, then virtualize the list (windowing) with a library like react-window or TanStack Virtual, so only the rows visible in the viewport plus a small overscan are in the DOM. If the product allows it, pagination or infinite scroll with "load more" also reduces what is on the page. I would also make each row cheap: memoize the row component, use stable keys from the data, keep heavy formatting out of render, and give rows a fixed height where possible so the virtualizer need not measure them.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'intermediate',
$md$How do code splitting and `React.lazy` improve load time? Where would you put the split points in an app?$md$,
$j${"points": [
	{"text": "The bundle is split into chunks loaded on demand through dynamic import", "weight": 3, "phrases": ["chunk", "dynamic import", "import", "on demand", "smaller bundle"]},
	{"text": "React.lazy renders such a chunk inside Suspense with a fallback", "weight": 2, "phrases": ["suspense", "fallback", "react lazy"]},
	{"text": "Split points: routes first, then heavy rarely used components", "weight": 2, "phrases": ["route", "heavy", "modal", "chart", "editor"]},
	{"text": "Prefetches likely chunks so users do not wait", "weight": 1, "phrases": ["prefetch", "preload", "hover", "idle"]}]}$j$,
ARRAY['What happens if a lazily loaded chunk fails to download?'],
$md$Code splitting breaks the JavaScript bundle into chunks that load on demand through dynamic `import()`, so the first page downloads and parses less. `React.lazy(() => import('./Settings'))` turns such a chunk into a component, rendered inside `Suspense` with a fallback while it loads. I put split points at routes first, then at heavy, rarely used components such as a chart library, a rich-text editor or an admin modal, and I prefetch a chunk on hover or when the browser is idle so the user does not wait when they do click.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'advanced',
$md$Typing in a search box that filters a large list feels sluggish. Walk through how you would diagnose it, and give three different ways to fix it.$md$,
$j${"points": [
	{"text": "Diagnoses with the Profiler: what re-renders on each keystroke", "weight": 2, "phrases": ["profiler", "keystroke", "measure", "record"]},
	{"text": "Keeps input urgent with useDeferredValue or startTransition", "weight": 3, "phrases": ["usedeferredvalue", "starttransition", "transition", "deferred", "urgent"]},
	{"text": "Debounces the filtering", "weight": 2, "phrases": ["debounce", "throttle", "pause"]},
	{"text": "Reduces the work: colocated input state, memoized results and rows, virtualization", "weight": 2, "phrases": ["usememo", "react memo", "move the input", "colocate", "virtualize"]}]}$j$,
ARRAY['Why might debouncing feel worse to the user than a transition?'],
$md$I would record a few keystrokes in the React Profiler to see what re-renders and where the time goes; usually the whole list re-renders on every keystroke. Fix one: keep the input urgent and defer the list with `useDeferredValue(query)`, or wrap the filter update in `startTransition`, so React can interrupt the list render when the next key arrives. Fix two: debounce the filtering by 200 ms or so, so it runs once the user pauses. Fix three: make the work smaller: move the input's state down so only it re-renders, memoize the filtered array with `useMemo` and the rows with `React.memo`, and virtualize the list.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'advanced',
$md$What are **hydration** and hydration mismatches in server-rendered React, and how do they affect performance and correctness?$md$,
$j${"points": [
	{"text": "Hydration renders on the client over server HTML, matching the DOM and attaching event handlers", "weight": 3, "phrases": ["hydration", "hydrate", "attach", "event handler", "existing dom"]},
	{"text": "A mismatch comes from output that differs between server and client: dates, random values, window checks", "weight": 3, "phrases": ["mismatch", "date", "random", "window", "locale", "differ"]},
	{"text": "The page is visible before it is interactive; streaming, selective hydration and client-only effects help", "weight": 3, "phrases": ["interactive", "selective hydration", "streaming", "suspense", "useeffect"]}]}$j$,
ARRAY['How would you render the current time without a hydration mismatch?'],
$md$Hydration is React running the components in the browser over HTML the server already rendered, matching the tree to the existing DOM and attaching event handlers instead of creating the nodes again. A mismatch happens when the client render differs from the server's, typically because of dates and time zones, `Math.random()`, locale formatting or code that checks `window`; React reports it and, since React 18, discards the server HTML up to the nearest Suspense boundary and renders that part on the client, which costs time and can flicker. For performance, the page looks ready before it is interactive, because nothing responds until the JavaScript has loaded and hydrated; streaming SSR with Suspense allows selective hydration of the parts the user touches first, and client-only values belong in `useEffect` after hydration.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'expert',
$md$How does React's scheduler keep the UI responsive during a large render? Explain time slicing, lanes, and what happens to a render that gets interrupted.$md$,
$j${"points": [
	{"text": "Time slicing: the work loop renders fiber by fiber and yields to the browser every few milliseconds", "weight": 3, "phrases": ["time slice", "time slicing", "yield", "shouldyield", "unit of work", "messagechannel"]},
	{"text": "Lanes: a bitmask of priorities; a higher-priority update preempts a lower one", "weight": 3, "phrases": ["lane", "bitmask", "priority", "preempt"]},
	{"text": "An interrupted render leaves the current tree untouched and is resumed or restarted; only commit is synchronous, so render must be pure", "weight": 3, "phrases": ["work in progress", "current tree", "discard", "restart", "pure"]}]}$j$,
ARRAY['What kinds of updates are still rendered synchronously?'],
$md$React's work loop renders one fiber at a time as a unit of work and, for concurrent updates, checks `shouldYield()` between units; the scheduler gives it a time slice of about 5 ms, then yields back to the browser (scheduling the continuation with a `MessageChannel` task) so input and painting can happen. Each update gets a lane, a bit in a bitmask that encodes its priority: discrete input like clicks is near-synchronous, transitions are low priority, and a higher-priority update can preempt a lower one. An interrupted render leaves the current tree, which is what is on screen, untouched; React either resumes the work-in-progress tree or discards it and restarts with the new update, and only the commit is synchronous. Because a render may run several times or be thrown away, render functions must be pure.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'performance', 'technical', 'expert',
$md$Your React single-page app has poor Core Web Vitals (slow LCP, poor INP) on mid-range phones. Outline an investigation and a plan, including the trade-offs of moving rendering to the server.$md$,
$j${"points": [
	{"text": "Investigates with field data and traces on a throttled device to find the LCP element and long tasks", "weight": 2, "phrases": ["field data", "rum", "crux", "trace", "throttle"]},
	{"text": "LCP: server or static rendering, preloading the hero, optimised images, less JavaScript", "weight": 3, "phrases": ["server side rendering", "ssr", "static generation", "preload", "image"]},
	{"text": "INP: break up long tasks, transitions, yield to the main thread, less hydration work", "weight": 3, "phrases": ["long task", "main thread", "transition", "hydration"]},
	{"text": "Trade-offs of server rendering: server cost, complexity, TTFB, caching", "weight": 2, "phrases": ["server cost", "ttfb", "cache", "caching", "infrastructure"]}]}$j$,
ARRAY['Which one change would you ship first, and how would you prove it helped?'],
$md$I would start from field data (RUM or CrUX) rather than only lab runs, find the LCP element and the interactions with poor INP, and record a trace on a throttled mid-range phone to see long tasks on the main thread. For LCP, the usual culprit in a single-page app is that nothing useful appears until the JavaScript runs, so server-side rendering or static generation with streaming, preloading the hero image and fonts, serving optimised images and cutting the bundle all help. For INP, I would break up long tasks, mark expensive updates as transitions so input wins, yield to the main thread, and reduce hydration work with server components or selective hydration. Moving rendering to the server raises server cost and infrastructure complexity, can worsen TTFB without caching, and still leaves hydration cost on the client, so I would move the pages where LCP matters most first and measure each step.$md$);

-- React developer: behavioural (STAR) -----------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'collaboration', 'behavioral', 'intermediate',
$md$Tell me about a time you disagreed with a designer or a backend developer about how a feature should be built. What did you do?$md$,
$j${"points": [
	{"text": "Situation: the project, the people and what was at stake", "weight": 1, "phrases": ["situation", "project", "team", "we were"]},
	{"text": "Task: their own role and what they needed to achieve", "weight": 1, "phrases": ["my role", "task", "i needed", "responsible"]},
	{"text": "Action: the concrete steps they took themselves", "weight": 3, "phrases": ["i decided", "i proposed", "i built", "i asked", "i met"]},
	{"text": "Result: the outcome, ideally measured, and what they learned", "weight": 2, "phrases": ["as a result", "outcome", "learned", "since then"]},
	{"text": "Resolved it with evidence and respect for the other view, not by authority", "weight": 3, "phrases": ["listen", "prototype", "data", "compromise", "trade off", "user"]}]}$j$,
ARRAY['Looking back, what would you do differently?'],
$md$The situation: on a checkout redesign, our designer wanted an animated multi-step form that I thought would hurt performance on low-end phones. My role was to build it, and I needed us to agree before the sprint ended. I decided to build a quick prototype of both versions, listened to why the animation mattered to her, and we measured each on a cheap Android phone alongside our data on the devices customers use. As a result we kept a lighter transition she was happy with, checkout time did not regress, and I learned that prototyping contested UI early saves long debates.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'react', 'ownership', 'behavioral', 'advanced',
$md$Describe a time a change you made caused a problem in production. How did you handle it, and what changed afterwards?$md$,
$j${"points": [
	{"text": "Situation: what broke and who was affected", "weight": 1, "phrases": ["situation", "broke", "production", "user"]},
	{"text": "Task: owning the problem as their change", "weight": 1, "phrases": ["my role", "my change", "task", "responsible"]},
	{"text": "Action: stopped the damage, communicated, found the root cause", "weight": 3, "phrases": ["i decided", "roll back", "rollback", "i told", "root cause"]},
	{"text": "Result: the outcome and what changed afterwards", "weight": 2, "phrases": ["as a result", "recovered", "since then", "learned"]},
	{"text": "Prevention: tests, monitoring or a blameless postmortem", "weight": 3, "phrases": ["test", "postmortem", "post mortem", "monitor", "alert", "ci"]}]}$j$,
ARRAY['How did you communicate with the people affected while it was broken?'],
$md$The situation: a refactor of our date picker that I shipped broke bookings for users in time zones west of UTC, and support tickets started arriving on a Friday afternoon. It was my change, so my role was to stop the damage and find the cause. I decided to roll back first, told the support lead and my team what was affected, then found the root cause, a date parsed as UTC midnight, and wrote tests across several time zones before shipping the fix. As a result bookings recovered within an hour, I wrote a blameless postmortem, and we added time-zone cases to CI, which have caught two similar bugs since.$md$);

-- Python developer: language core ----------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'warmup',
$md$How did you get into Python, and what do you mostly use it for today?$md$,
$j${"points": [
	{"text": "Gives their background and experience with Python", "weight": 2, "phrases": ["year", "started", "university", "job", "project"]},
	{"text": "Says what they use it for now", "weight": 2, "phrases": ["web", "django", "flask", "fastapi", "data", "automation"]},
	{"text": "Says what they like about it", "weight": 1, "phrases": ["readable", "library", "libraries", "ecosystem", "simple", "community"]}]}$j$,
ARRAY['Which Python library could you not do without?'],
$md$I started with Python at university for data analysis scripts and have used it professionally for about four years. Today I mostly build web services with FastAPI and Django, plus automation scripts for our deployments. I like how readable it is and how large the ecosystem is: most problems already have a well-tested library.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'warmup',
$md$What is your favourite Python feature or idiom, and where did it help you recently?$md$,
$j${"points": [
	{"text": "Names a feature or idiom", "weight": 2, "phrases": ["comprehension", "generator", "context manager", "with statement", "decorator", "dataclass"]},
	{"text": "Explains why it is good: clearer, shorter, safer", "weight": 2, "phrases": ["readable", "concise", "less code", "safe", "clean", "guarantee"]},
	{"text": "Gives a recent example", "weight": 1, "phrases": ["recently", "for example", "project", "replaced"]}]}$j$,
ARRAY['Is there an idiom you think people overuse?'],
$md$I like context managers: a `with` statement guarantees cleanup, like closing a file or releasing a lock, even when an exception is raised. Recently I wrote one with `contextlib.contextmanager` that times a block and logs the result, which replaced a lot of repeated try/finally code and made our handlers more readable.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'fundamental',
$md$What is the difference between mutable and immutable types in Python? Then explain what is surprising about this function:

```python
def add(item, items=[]):
    items.append(item)
    return items
```$md$,
$j${"points": [
	{"text": "Mutable objects change in place (list, dict, set); immutable ones cannot (int, str, tuple)", "weight": 3, "phrases": ["mutable", "immutable", "in place", "tuple", "list"]},
	{"text": "The default list is created once, at definition, and shared by every call", "weight": 3, "phrases": ["once", "defined", "definition", "shared", "same list", "accumulate"]},
	{"text": "Fix: a None default and a new list inside the function", "weight": 2, "phrases": ["none", "sentinel", "is none"]}]}$j$,
ARRAY['Is a tuple containing a list immutable?'],
$md$A mutable object can change in place, like a list, dict or set; an immutable one cannot, like an int, str, tuple or frozenset, so "changing" it creates a new object. In `add`, the default list is evaluated once, when the function is defined, so every call that omits `items` shares the same list and it keeps accumulating items across calls. The fix is a `None` sentinel: `items=None`, then `if items is None: items = []` inside the function.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'fundamental',
$md$What is the difference between `is` and `==` in Python, and when should you use `is`?$md$,
$j${"points": [
	{"text": "== compares values through __eq__", "weight": 3, "phrases": ["value", "equal", "eq", "equality"]},
	{"text": "is compares identity: the same object", "weight": 3, "phrases": ["identity", "same object", "id"]},
	{"text": "Use is for singletons such as None and for sentinels", "weight": 2, "phrases": ["none", "singleton", "sentinel"]},
	{"text": "Warns that int caching and string interning make is unreliable for values", "weight": 1, "phrases": ["interning", "intern", "small int", "cache", "by accident"]}]}$j$,
ARRAY['Why does PEP 8 recommend `if x is None` over `if x == None`?'],
$md$`==` compares values: it calls `__eq__`, so two different lists with the same contents are equal. `is` compares identity: it is true only when both names refer to the same object (the same `id()`). Use `is` for singletons such as `None` (`if x is None`) and for sentinel objects, never for numbers or strings, because small int caching and string interning make `is` look right by accident in some cases and fail in others.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'intermediate',
$md$What are generators in Python, and when would you use one instead of building a list?$md$,
$j${"points": [
	{"text": "A function with yield returns a lazy iterator that suspends between values", "weight": 3, "phrases": ["yield", "lazy", "on demand", "iterator", "suspend"]},
	{"text": "Saves memory for large or infinite data and allows pipelines", "weight": 3, "phrases": ["memory", "large file", "infinite", "stream", "pipeline"]},
	{"text": "Limits: a single pass, no len or indexing; generator expressions", "weight": 2, "phrases": ["once", "single pass", "generator expression", "len", "index"]}]}$j$,
ARRAY['What does `yield from` add?'],
$md$A generator is a function that uses `yield`: calling it returns a lazy iterator, and each `next()` runs the body until the next `yield`, then suspends it with its local state intact. I use one instead of a list when the data is large or infinite, such as reading a large file line by line or a stream of events, because only one item is in memory at a time and steps can be chained into a pipeline. The trade-off is that a generator can be consumed only once (a single pass) and has no `len()` or indexing; a generator expression like `(x * x for x in rows)` gives the same laziness inline.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'intermediate',
$md$Write (or describe) a decorator that retries a function up to three times when it raises `ConnectionError`. What must the decorator take care of?$md$,
$j${"points": [
	{"text": "A decorator takes a function and returns a wrapper that passes *args and **kwargs through", "weight": 2, "phrases": ["wrapper", "wrap", "args kwargs", "closure", "return"]},
	{"text": "Retries in a loop, catching only ConnectionError and re-raising after the last attempt", "weight": 3, "phrases": ["connectionerror", "except", "attempt", "raise", "loop"]},
	{"text": "Uses functools.wraps to keep the name and docstring", "weight": 2, "phrases": ["functools wraps", "wraps", "docstring", "metadata"]},
	{"text": "Adds backoff or makes the count a parameter", "weight": 1, "phrases": ["backoff", "sleep", "parameter", "factory"]}]}$j$,
ARRAY['How would you make the retry count configurable, as in `@retry(times=5)`?'],
$md$A decorator is a function that takes a function and returns a wrapper: `def retry(fn):`, then an inner `@functools.wraps(fn) def wrapper(*args, **kwargs)`, and `return wrapper`. Inside the wrapper a loop makes up to three attempts, calls `fn(*args, **kwargs)` in a `try`, returns on success, catches only `ConnectionError`, and re-raises the last error after the final attempt. `functools.wraps` keeps the original name, docstring and other metadata, so logs and introspection still see the real function. I would add a short exponential backoff with `time.sleep` between attempts and make the count a parameter through a decorator factory, `@retry(times=3)`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'advanced',
$md$Explain Python's **descriptor protocol** and how `@property` is built on it.$md$,
$j${"points": [
	{"text": "A descriptor is a class attribute implementing __get__, __set__ or __delete__, called on attribute access", "weight": 3, "phrases": ["descriptor", "get", "class attribute", "attribute access"]},
	{"text": "Data descriptors take precedence over the instance __dict__; non-data descriptors do not", "weight": 3, "phrases": ["data descriptor", "non data", "precedence", "instance dict"]},
	{"text": "property is a data descriptor calling the getter and setter", "weight": 2, "phrases": ["property", "getter", "setter", "attributeerror"]},
	{"text": "Functions, classmethod, staticmethod and ORM fields use the same protocol", "weight": 2, "phrases": ["bound method", "classmethod", "staticmethod", "orm", "set name"]}]}$j$,
ARRAY['How would you write a descriptor that validates a field is a positive integer?'],
$md$A descriptor is an object stored as a class attribute that implements `__get__`, and optionally `__set__` or `__delete__`; attribute access on instances then calls those methods instead of returning the object itself. A data descriptor (one with `__set__` or `__delete__`) takes precedence over the instance `__dict__`, while a non-data descriptor (only `__get__`) is overridden by it. `property` is a data descriptor: its `__get__` calls your getter, and its `__set__` calls the setter or raises `AttributeError` if there is none. Plain functions are non-data descriptors too, which is how `obj.method` becomes a bound method, and `classmethod`, `staticmethod` and ORM fields (which use `__set_name__` to learn their attribute name) are built the same way.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'advanced',
$md$With multiple inheritance, how does Python decide which method `super()` calls? Explain the MRO and cooperative `super()`.$md$,
$j${"points": [
	{"text": "The method resolution order is computed with C3 linearization and visible in __mro__", "weight": 3, "phrases": ["mro", "method resolution order", "c3", "linearization", "linearisation"]},
	{"text": "super() looks up the next class in the MRO of the instance's type, not necessarily the parent", "weight": 3, "phrases": ["next class", "not the parent", "proxy"]},
	{"text": "Cooperative: every class calls super() and passes **kwargs, so each method runs once", "weight": 2, "phrases": ["cooperative", "kwargs", "diamond", "once"]},
	{"text": "An impossible order raises TypeError at class creation", "weight": 1, "phrases": ["typeerror", "consistent", "inconsistent"]}]}$j$,
ARRAY['What does `super()` without arguments rely on to work?'],
$md$Python computes each class's method resolution order (MRO) with the C3 linearization, visible as `Class.__mro__`: children come before parents and the order of the bases is kept, so in a diamond the shared base appears once, near the end. `super()` does not mean "my parent": it returns a proxy that looks up the next class in the MRO of the instance's type, after the class where `super()` is written. That is why cooperative multiple inheritance works only if every class in the chain calls `super().method(...)` and passes extra `**kwargs` through; then each class's method runs exactly once. If no consistent order exists, defining the class raises a `TypeError`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'expert',
$md$What happens, step by step, when CPython runs `x = a + b` inside a function? Cover compilation, bytecode, the evaluation loop and how the addition is dispatched.$md$,
$j${"points": [
	{"text": "Source is compiled to a code object whose bytecode loads the locals, adds and stores", "weight": 3, "phrases": ["bytecode", "code object", "load fast", "binary op", "binary add", "dis"]},
	{"text": "The evaluation loop is a stack machine", "weight": 2, "phrases": ["evaluation loop", "ceval", "stack machine", "interpreter loop"]},
	{"text": "Dispatch calls __add__, then the reflected __radd__ on NotImplemented, subclass first", "weight": 3, "phrases": ["radd", "notimplemented", "reflected", "subclass"]},
	{"text": "Since 3.11 the adaptive interpreter specializes the instruction", "weight": 2, "phrases": ["specialize", "specialise", "adaptive", "inline cache", "quickening"]}]}$j$,
ARRAY['Why are local variable lookups faster than global ones?'],
$md$The function's source is compiled once into a code object, whose bytecode `dis` shows as roughly `LOAD_FAST a`, `LOAD_FAST b`, `BINARY_OP (+)` and `STORE_FAST x` (before 3.11 it was `BINARY_ADD`); locals live in a fixed array, which is why `LOAD_FAST` is quick. The evaluation loop in `ceval.c` is a stack machine: it pushes both values, and the add pops them and pushes the result. Dispatch follows the data model: it calls `type(a).__add__(a, b)`, and if that returns `NotImplemented` it tries the reflected `type(b).__radd__(b, a)`; when `b`'s type is a subclass of `a`'s that overrides `__radd__`, that is tried first. Since 3.11 the adaptive interpreter specializes the instruction after a few runs, for example into an int-only add with an inline cache, and falls back if the types change.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'language_core', 'technical', 'expert',
$md$How does CPython manage memory? Explain reference counting and the cyclic garbage collector, and what they mean for `__del__` and for long-running services.$md$,
$j${"points": [
	{"text": "Reference counting frees an object as soon as its count reaches zero", "weight": 3, "phrases": ["reference count", "refcount", "zero", "immediately"]},
	{"text": "A generational cyclic garbage collector finds unreachable cycles", "weight": 3, "phrases": ["cycle", "cyclic", "garbage collector", "generation", "unreachable"]},
	{"text": "__del__ timing is not guaranteed; use context managers and weakref", "weight": 2, "phrases": ["del", "not guaranteed", "context manager", "weakref"]},
	{"text": "Long-running processes: pymalloc arenas and fragmentation; find leaks with tracemalloc", "weight": 2, "phrases": ["pymalloc", "arena", "fragmentation", "tracemalloc", "leak"]}]}$j$,
ARRAY['How would you find what is keeping a large object alive?'],
$md$Every object carries a reference count; when it drops to zero CPython frees the object immediately, which is why a file usually closes as soon as the last reference to it goes. Reference counting cannot free cycles, so a generational cyclic garbage collector (the `gc` module) periodically scans container objects and frees groups that are unreachable from outside. So `__del__` timing is not guaranteed: an object in a cycle is finalised only when the collector runs, and at interpreter exit perhaps never; resources belong in context managers, and `weakref` helps to avoid cycles such as parent pointers. In long-running services, memory freed back to pymalloc's arenas is not always returned to the OS because of fragmentation, so resident memory can stay high; `tracemalloc` and `gc.get_referrers()` help to find real leaks.$md$);

-- Python developer: data structures --------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'warmup',
$md$Which built-in Python data structure do you use most, and what for?$md$,
$j${"points": [
	{"text": "Names a built-in structure", "weight": 2, "phrases": ["dict", "dictionary", "list", "set", "tuple"]},
	{"text": "Gives concrete uses", "weight": 2, "phrases": ["for example", "lookup", "count", "group", "unique"]},
	{"text": "Says why it fits", "weight": 1, "phrases": ["constant time", "fast", "order", "simple"]}]}$j$,
ARRAY['When did that structure turn out to be the wrong choice?'],
$md$The dict, by far. For example, I use it to group records by customer id, to count events, and as a lookup table instead of long if/elif chains. It fits because lookups by key take constant time on average, and since Python 3.7 dicts keep insertion order, which makes output predictable.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'warmup',
$md$Have you ever made code noticeably faster or simpler just by changing the data structure? What did you change?$md$,
$j${"points": [
	{"text": "Describes the change of structure", "weight": 2, "phrases": ["list", "set", "dict", "deque", "instead"]},
	{"text": "Explains why it helped in complexity terms", "weight": 2, "phrases": ["o 1", "o n", "constant time", "membership", "lookup", "scan"]},
	{"text": "Gives the result", "weight": 1, "phrases": ["second", "minute", "faster", "simpler"]}]}$j$,
ARRAY['How did you find that the structure was the problem?'],
$md$Yes: a deduplication job checked `if item in seen` where `seen` was a list, so every check had to scan the whole list, O(n) each time. I changed `seen` to a set, which makes membership a hash lookup in constant time on average, O(1). The job went from several minutes to a few seconds, and the code stayed just as simple.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'fundamental',
$md$Compare `list`, `tuple`, `set` and `dict`. When would you choose each?$md$,
$j${"points": [
	{"text": "list: ordered, mutable, duplicates, index access", "weight": 2, "phrases": ["ordered", "mutable", "sequence", "duplicate", "index"]},
	{"text": "tuple: immutable and hashable, for fixed records and keys", "weight": 2, "phrases": ["immutable", "hashable", "record", "fixed"]},
	{"text": "set: unique items, fast membership, set operations", "weight": 2, "phrases": ["unique", "membership", "union", "intersection"]},
	{"text": "dict: key to value mapping with constant-time lookup", "weight": 2, "phrases": ["mapping", "key value", "key to value", "lookup", "constant time"]}]}$j$,
ARRAY['Which of these can be a dict key, and why?'],
$md$A list is an ordered, mutable sequence that allows duplicates and index access: the default for a collection you append to. A tuple is immutable, so it suits fixed records like `(x, y)`, and it is hashable when its elements are, so it can be a dict key. A set holds unique hashable items, with fast membership tests and operations like union and intersection. A dict is a mapping of key to value with constant-time lookup on average, for finding things by key.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'fundamental',
$md$Why must dictionary keys be hashable, and why can't a list be a key?$md$,
$j${"points": [
	{"text": "A dict is a hash table: the hash picks a slot, equality settles collisions", "weight": 3, "phrases": ["hash table", "slot", "bucket", "collision"]},
	{"text": "A hash must never change, and equal objects must have equal hashes", "weight": 3, "phrases": ["never change", "lifetime", "equal", "consistent"]},
	{"text": "A mutable list could change its hash and be lost; use a tuple or frozenset", "weight": 2, "phrases": ["mutable", "tuple", "frozenset", "unhashable"]}]}$j$,
ARRAY['What happens if a class defines `__eq__` but not `__hash__`?'],
$md$A dict is a hash table: the key's `hash()` picks a slot, and `==` settles collisions between keys that land in the same place. So a key must be hashable: its hash must never change during its lifetime, and objects that are equal must have equal hashes (`__hash__` consistent with `__eq__`). A list is mutable, so if you changed it after inserting it, its hash would no longer lead to its slot and the entry would be lost; Python therefore makes lists unhashable, and you use a tuple or a frozenset instead.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'intermediate',
$md$You need a queue with fast appends and pops at both ends. Why not a `list`, and what would you use? And what does `heapq` give you?$md$,
$j${"points": [
	{"text": "list.pop(0) and insert(0) shift every element: O(n)", "weight": 3, "phrases": ["o n", "shift", "pop 0", "insert 0", "dynamic array"]},
	{"text": "collections.deque gives O(1) appends and pops at both ends", "weight": 3, "phrases": ["deque", "both ends", "o 1", "maxlen"]},
	{"text": "heapq keeps a list as a binary min-heap: O(log n) push and pop of the smallest", "weight": 2, "phrases": ["heapq", "min heap", "priority queue", "log n", "smallest"]}]}$j$,
ARRAY['How would you make heapq give you the largest item first?'],
$md$A list is a dynamic array, so `pop(0)` or `insert(0, x)` must shift every other element, O(n) each time. `collections.deque` is built for this: appends and pops at both ends are O(1), and `maxlen` turns it into a bounded buffer. `heapq` is different: it keeps a plain list as a binary min-heap, so `heappush` and `heappop` are O(log n) and always give the smallest item, which makes it a priority queue or a way to find the top k items.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'intermediate',
$md$How would you count word frequencies in a large text file and print the 10 most common words? Which standard-library tools help?$md$,
$j${"points": [
	{"text": "Streams the file line by line to keep memory small", "weight": 2, "phrases": ["line by line", "iterate", "stream", "memory"]},
	{"text": "Counts with collections.Counter or a defaultdict", "weight": 3, "phrases": ["counter", "defaultdict", "collections"]},
	{"text": "Gets the top 10 with most_common or heapq.nlargest, not a full sort", "weight": 2, "phrases": ["most common", "nlargest", "heapq", "top 10"]},
	{"text": "Normalises words: lowercase, punctuation removed", "weight": 1, "phrases": ["lower", "lowercase", "regex", "re findall", "punctuation"]}]}$j$,
ARRAY['How would you do this if the file were too big for one machine?'],
$md$I would read the file line by line so memory stays small, lowercase each line with `lower()` and split it into words with `re.findall(r"[a-z']+", line)` to drop punctuation, and feed them to a `collections.Counter` with `update()`. `Counter.most_common(10)` then returns the ten most frequent words; with an argument it uses `heapq.nlargest` internally, so it avoids sorting every word.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'advanced',
$md$Give the time complexity of common operations on `list`, `dict` and `set`, and describe a case where the average-case assumption breaks.$md$,
$j${"points": [
	{"text": "list: index and append O(1) (append amortized); insert at the front, pop(0), in and remove O(n)", "weight": 3, "phrases": ["amortized", "amortised", "o 1", "o n", "append"]},
	{"text": "dict and set: lookup, insert and delete O(1) on average as hash tables", "weight": 2, "phrases": ["average", "hash table", "constant"]},
	{"text": "Collisions make them O(n) in the worst case: a bad __hash__ or hash flooding, hence hash randomization", "weight": 3, "phrases": ["worst case", "collision", "hash flooding", "same hash", "randomize", "randomise"]},
	{"text": "Sorting is O(n log n) with Timsort", "weight": 1, "phrases": ["n log n", "timsort"]}]}$j$,
ARRAY['Why is `append` amortized O(1) rather than always O(1)?'],
$md$For a list, indexing and `append` are O(1), append amortized because the array occasionally grows, while `insert(0, x)`, `pop(0)`, `x in list` and `remove` are O(n). For dict and set, lookup, insertion and deletion are O(1) on average because they are hash tables. The average case breaks with collisions: a class whose `__hash__` returns a constant puts every key on the same probe sequence, making each operation O(n) and building the dict O(n²); attackers used this as hash flooding against web servers, which is why Python randomizes string hashes per process. Sorting with `sorted` is O(n log n) with Timsort, and faster on partly sorted data.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'advanced',
$md$When would you model records with `dataclasses`, `NamedTuple`, `TypedDict` or a plain class? Compare them.$md$,
$j${"points": [
	{"text": "dataclass generates __init__, __repr__ and __eq__; frozen and slots options", "weight": 3, "phrases": ["dataclass", "init", "repr", "frozen", "slots"]},
	{"text": "NamedTuple: an immutable, lightweight tuple with named fields that still behaves like a tuple", "weight": 2, "phrases": ["namedtuple", "immutable", "tuple", "unpack"]},
	{"text": "TypedDict describes dict shapes for the type checker only, with no runtime checks", "weight": 2, "phrases": ["typeddict", "type checker", "json", "no runtime"]},
	{"text": "A plain class for behaviour and invariants; a validation library for untrusted input", "weight": 2, "phrases": ["invariant", "behaviour", "behavior", "validation", "pydantic"]}]}$j$,
ARRAY['How would you make a dataclass immutable, and what does that cost?'],
$md$A `dataclass` generates `__init__`, `__repr__` and `__eq__` from annotated fields, with defaults, `frozen=True` for immutability and `slots=True` to save memory; it is my default for internal records. A `NamedTuple` is an immutable tuple with named fields, light and easy to unpack, good for small values returned from functions, but it still compares and indexes like a tuple, which can surprise you. A `TypedDict` only describes the shape of a dict for the type checker, useful for JSON payloads, with no runtime checks at all. A plain class fits when the object has behaviour and invariants to protect, and for validating untrusted input I would use pydantic.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'expert',
$md$How has CPython implemented `dict` since 3.6, and how does that design give insertion order and save memory?$md$,
$j${"points": [
	{"text": "A compact dict: a dense entries array in insertion order plus a sparse table of small indices", "weight": 3, "phrases": ["compact", "dense", "sparse", "entries", "indices"]},
	{"text": "Lookups use open addressing with a perturbed probe sequence, not chaining", "weight": 2, "phrases": ["open addressing", "probe", "perturb", "not chaining"]},
	{"text": "Iteration walks the dense array, giving insertion order, and the index table saves memory", "weight": 2, "phrases": ["insertion order", "memory", "less memory", "smaller"]},
	{"text": "Resizes at about two thirds full, deletions leave dummies, instance dicts share keys", "weight": 2, "phrases": ["two thirds", "resize", "dummy", "tombstone", "split table", "key sharing"]}]}$j$,
ARRAY['Why can deleting many keys leave a dict using as much memory as before?'],
$md$Since 3.6 CPython uses a compact dict: a dense entries array of (hash, key, value) in insertion order, plus a sparse index table of small integers that point into it. A lookup hashes the key and probes the index table with open addressing (a perturbed probe sequence, not chaining) until it finds a matching entry or an empty slot. Iteration walks the dense array, which is why order is insertion order (a language guarantee since 3.7), and because the sparse part holds 1- to 8-byte indices instead of full entries it uses much less memory. The table resizes when it is about two thirds full, deleted entries leave a dummy marker in the index so probe sequences stay intact, and instance dicts of one class can share a key table (split tables, PEP 412).$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'data_structures', 'technical', 'expert',
$md$Python objects are memory-hungry. Estimate what 10 million distinct integers cost in a `list` on 64-bit CPython, and describe how you would cut that by roughly an order of magnitude.$md$,
$j${"points": [
	{"text": "Each int is an object of about 28 bytes plus an 8-byte pointer in the list: roughly 360 MB", "weight": 3, "phrases": ["28 byte", "pointer", "header", "overhead", "per object"]},
	{"text": "Store machine values in a contiguous typed buffer: the array module or NumPy", "weight": 3, "phrases": ["array", "numpy", "contiguous", "typed", "4 byte"]},
	{"text": "Other tools: __slots__, structured arrays, mmap, memoryview", "weight": 2, "phrases": ["slots", "mmap", "memoryview", "structured"]},
	{"text": "Measures with sys.getsizeof or tracemalloc", "weight": 1, "phrases": ["getsizeof", "tracemalloc", "measure"]}]}$j$,
ARRAY['Why does `sys.getsizeof` of a list not tell you the whole story?'],
$md$On a 64-bit build each int is a full object of about 28 bytes (reference count, type pointer and digits; only -5 to 256 are cached), and the list holds an 8-byte pointer to each, so 10 million ints cost roughly 360 MB. Storing them as machine values in a contiguous typed buffer removes the per-object overhead: `array.array('i')` takes 4 bytes per value, about 40 MB, and a NumPy array does the same while making sums and filters fast in C. For records rather than numbers I would use `__slots__` classes or a structured NumPy array, read big files through `mmap` or `memoryview` instead of copying, and measure the real numbers with `sys.getsizeof` and `tracemalloc`.$md$);

-- Python developer: testing ----------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'warmup',
$md$How do you usually test your Python code? Which tools do you use?$md$,
$j${"points": [
	{"text": "Names testing tools", "weight": 2, "phrases": ["pytest", "unittest", "tox", "nox", "coverage"]},
	{"text": "Describes the kinds of tests", "weight": 2, "phrases": ["unit test", "integration", "end to end", "fixture", "mock"]},
	{"text": "Says where and when the tests run", "weight": 1, "phrases": ["ci", "every commit", "pipeline", "pre commit", "github actions"]}]}$j$,
ARRAY['Which kind of test has caught the most real bugs for you?'],
$md$I use pytest for almost everything, with fixtures for setup and `unittest.mock` where I need to replace an external call. Most tests are fast unit tests, plus a smaller set of integration tests against a real database in Docker. They all run in CI on every commit, with coverage reported so we notice untested code.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'warmup',
$md$What does a good unit test look like to you?$md$,
$j${"points": [
	{"text": "Tests one behaviour, with a name that says which", "weight": 2, "phrases": ["one behaviour", "one behavior", "one thing", "name"]},
	{"text": "Arrange, act, assert: checks visible outcomes, not internals", "weight": 2, "phrases": ["arrange", "assert", "given when then", "outcome"]},
	{"text": "Fast, deterministic and isolated", "weight": 2, "phrases": ["fast", "deterministic", "isolated", "independent", "no network"]}]}$j$,
ARRAY['How do you keep a test from depending on the current time?'],
$md$A good unit test checks one behaviour and says so in its name, like `test_expired_coupon_is_rejected`. It follows arrange, act, assert: set up the inputs, call the code once, and assert on the visible outcome rather than on internals. It is fast, deterministic and isolated: no network, no state shared with other tests, and no dependence on the clock or on the order in which tests run.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'fundamental',
$md$How do pytest **fixtures** work? Explain scope and how a fixture cleans up after itself.$md$,
$j${"points": [
	{"text": "A function marked @pytest.fixture, injected into tests that name it as an argument", "weight": 3, "phrases": ["pytest fixture", "decorator", "argument", "inject"]},
	{"text": "Scope: function by default, or class, module, package, session", "weight": 2, "phrases": ["scope", "module", "session", "default"]},
	{"text": "Cleanup: code after yield runs as teardown, even when the test fails", "weight": 3, "phrases": ["yield", "teardown", "after the yield", "addfinalizer", "finalizer"]},
	{"text": "Shared fixtures live in conftest.py", "weight": 1, "phrases": ["conftest", "directory"]}]}$j$,
ARRAY['How would you run the same test against several database backends?'],
$md$A fixture is a function marked with the `@pytest.fixture` decorator; a test asks for it by naming it as an argument, and pytest injects its value. Its scope sets how often it is created: `function` (the default), `class`, `module`, `package` or `session`, so an expensive database can be shared while cheap objects are fresh for each test. For cleanup the fixture uses `yield`: code before it is setup, the yielded value goes to the test, and the code after the yield is teardown that runs even if the test fails (`request.addfinalizer` is the older way). Fixtures in a `conftest.py` are available to every test in that directory.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'fundamental',
$md$What is the difference between a **mock**, a **stub** and a **fake**? When is mocking a bad idea?$md$,
$j${"points": [
	{"text": "A stub returns canned answers, a mock also verifies calls, a fake is a working lightweight implementation", "weight": 3, "phrases": ["stub", "canned", "verify", "fake", "in memory"]},
	{"text": "Mocking your own internals pins implementation details and makes tests brittle", "weight": 3, "phrases": ["implementation detail", "brittle", "internal", "refactor", "coupled"]},
	{"text": "Mock at the system boundary; prefer fakes or real dependencies in integration tests", "weight": 2, "phrases": ["boundary", "real database", "integration test", "contract"]}]}$j$,
ARRAY['What does `autospec` protect you from when using unittest.mock?'],
$md$A stub returns canned answers so the code under test can run; a mock also records how it was called so the test can verify the interaction; a fake is a working lightweight implementation, like an in-memory repository instead of PostgreSQL. Mocking becomes a bad idea when it replaces internals of your own code: the test then pins implementation details, breaks on every refactor, and can pass while the real integration is broken. I mock at the boundary of the system (HTTP clients, the clock, payment APIs), prefer fakes or the real database in integration tests, and check the real contract separately.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'intermediate',
$md$How would you test a function that calls an external HTTP API and depends on the current time?$md$,
$j${"points": [
	{"text": "Makes dependencies injectable or patches them", "weight": 3, "phrases": ["inject", "pass in", "dependency injection", "patch", "monkeypatch"]},
	{"text": "Mocks HTTP at the transport level and asserts the request sent", "weight": 3, "phrases": ["responses", "respx", "requests mock", "mock", "fake server"]},
	{"text": "Controls time with freezegun, time-machine or a fake clock", "weight": 2, "phrases": ["freezegun", "freeze", "time machine", "clock"]},
	{"text": "Tests failure paths: timeouts, errors, retries", "weight": 2, "phrases": ["timeout", "500", "error", "retry", "retries"]}]}$j$,
ARRAY['How would you make sure the mocked API still matches the real one?'],
$md$I would make the dependencies explicit: pass in the HTTP client and a clock, or patch them with `monkeypatch` where that is not possible. For HTTP I use a library like `responses` or `respx` to mock the API at the transport level, returning fixed JSON and asserting the request that was sent. For time I freeze it with `freezegun` or `time-machine`, or pass a fake clock. Then I test the failure paths too: a timeout, a 500, a malformed body, and that retries stop when they should.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'intermediate',
$md$What does code coverage tell you, and what does it not? How would you use it on a team?$md$,
$j${"points": [
	{"text": "Coverage shows which lines and branches ran during the tests", "weight": 2, "phrases": ["line", "branch", "executed", "coverage py", "pytest cov"]},
	{"text": "It says nothing about assertions or correctness; 100% can hide weak tests", "weight": 3, "phrases": ["assert", "correct", "100", "weak", "quality"]},
	{"text": "Use it to find untested code and on diffs in CI, not as a target to game; mutation testing checks assertions", "weight": 3, "phrases": ["untested", "diff coverage", "ci", "mutation", "target", "game"]}]}$j$,
ARRAY['Would you ever fail a build on coverage?'],
$md$Coverage (coverage.py or pytest-cov) tells you which lines and branches were executed while the tests ran. It does not tell you whether anything was asserted or whether the behaviour is correct: a test that calls a function and checks nothing still counts, so even 100% coverage can hide weak tests. On a team I use it to find untested code, especially untested branches, and report diff coverage on pull requests in CI rather than chase a global target that people learn to game; mutation testing with a tool like mutmut shows whether the assertions would actually catch a bug.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'advanced',
$md$What is **property-based testing**, and where would you use it instead of example-based tests? Give an example with Hypothesis.$md$,
$j${"points": [
	{"text": "States a property or invariant and lets the library generate many inputs", "weight": 3, "phrases": ["property", "invariant", "generate", "hypothesis"]},
	{"text": "Shrinks a failure to a minimal example", "weight": 2, "phrases": ["shrink", "minimal", "smallest"]},
	{"text": "Fits round trips, parsers, sorting and other clear invariants", "weight": 2, "phrases": ["round trip", "parser", "encode", "sort", "serialize"]},
	{"text": "A concrete example with @given and strategies", "weight": 2, "phrases": ["given", "strategies", "st lists", "st integers"]}]}$j$,
ARRAY['How do you keep property-based tests reproducible in CI?'],
$md$Property-based testing states a property, an invariant that must hold for every input, and lets a library like Hypothesis generate hundreds of inputs to try to break it. When it finds a failure it shrinks the input to a minimal example, which makes the bug easy to read. It shines for round trips (`decode(encode(x)) == x`), parsers, sorting and anything with clear invariants. For example, `@given(st.lists(st.integers()))` on a test asserting that `my_sort(xs)` equals `sorted(xs)`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'advanced',
$md$Your test suite takes 25 minutes and fails randomly. How would you make it fast and trustworthy again?$md$,
$j${"points": [
	{"text": "Measures first: slowest tests and flaky-test history", "weight": 2, "phrases": ["durations", "measure", "slowest", "history"]},
	{"text": "Speeds it up: parallel runs, shared expensive fixtures, rolled-back transactions", "weight": 3, "phrases": ["xdist", "parallel", "session scope", "transaction", "roll back", "rolled back"]},
	{"text": "Fixes flakiness at the root: shared state, time, sleeps, network; quarantines instead of retrying", "weight": 3, "phrases": ["root cause", "shared state", "random order", "sleep", "quarantine"]},
	{"text": "Moves checks down the test pyramid", "weight": 1, "phrases": ["pyramid", "unit test", "end to end"]}]}$j$,
ARRAY['How do you stop the suite from getting slow again?'],
$md$First I measure: `pytest --durations=20` shows the slowest tests, and the CI history shows which tests fail randomly. For speed I run tests in parallel with pytest-xdist, give expensive fixtures such as the database session scope, wrap each test in a transaction that is rolled back instead of recreating tables, and move logic checks from end-to-end tests down to unit tests. For flakiness I look for the root cause rather than adding retries: shared state between tests (exposed by running them in random order), real time and `sleep`-based waits, network calls and unawaited async work; a flaky test goes into quarantine with an owner until it is fixed.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'expert',
$md$Design the testing strategy for a Python service with a PostgreSQL database, a message queue and two downstream HTTP APIs, worked on by a team of ten. What goes at each level, and what runs where?$md$,
$j${"points": [
	{"text": "Most tests are fast unit tests of domain logic; integration tests use a real database", "weight": 3, "phrases": ["unit test", "domain logic", "integration", "testcontainers", "real postgresql"]},
	{"text": "Contract tests for the downstream APIs", "weight": 3, "phrases": ["contract", "pact", "consumer driven", "schema"]},
	{"text": "Queue handlers tested against a real broker and for idempotency under at-least-once delivery", "weight": 2, "phrases": ["idempotent", "at least once", "broker", "duplicate"]},
	{"text": "A pipeline: fast checks per pull request, smoke tests before deploy, slow suites nightly", "weight": 2, "phrases": ["pull request", "smoke test", "staging", "nightly", "ci"]}]}$j$,
ARRAY['Who owns a failing contract test: the consumer or the provider?'],
$md$Most tests are unit tests of the domain logic, kept free of I/O so they run in seconds. Integration tests run the repository code against a real PostgreSQL in a container (testcontainers) and the queue handlers against a real broker, checking that handlers are idempotent, because delivery is at least once and duplicates happen. For the two downstream APIs I would use consumer-driven contract tests with Pact, so we learn about a breaking change before deploying, plus fakes in our own tests. Each pull request runs lint, type checks, unit and integration tests in CI within ten minutes; a few end-to-end smoke tests run against staging before each deploy, and load tests nightly.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'testing', 'technical', 'expert',
$md$How does pytest turn a plain `assert a == b` into a detailed failure message, and what are the limits of that mechanism?$md$,
$j${"points": [
	{"text": "An import hook rewrites the assert statements in the AST of test modules", "weight": 3, "phrases": ["assertion rewriting", "rewrite", "ast", "import hook"]},
	{"text": "The rewritten code records intermediate values and builds diffs on failure", "weight": 2, "phrases": ["intermediate value", "subexpression", "diff", "repr"]},
	{"text": "Limits: only test modules, conftest and plugins; helpers need register_assert_rewrite; already imported modules are not rewritten", "weight": 3, "phrases": ["register assert rewrite", "helper module", "conftest", "already imported", "assert plain"]}]}$j$,
ARRAY['Why do asserts in a shared test helper package sometimes give bare AssertionErrors?'],
$md$pytest installs an import hook that rewrites test modules as they are imported: it parses each module's AST and replaces every `assert` with code that records the intermediate values of each subexpression, caching the rewritten bytecode in `__pycache__` under a pytest-specific name. When the assertion fails, it builds the message from those values, with specialised diffs for strings, lists, dicts and dataclasses built from their repr. The limits: only test modules, `conftest.py` files and registered plugins are rewritten, so asserts in a helper module give a bare `AssertionError` unless it is registered with `pytest.register_assert_rewrite()` before it is imported; a module already imported before the hook cannot be rewritten (pytest warns about it); and `--assert=plain` turns the mechanism off.$md$);

-- Python developer: concurrency ------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'warmup',
$md$Have you written concurrent code in Python, with threads, asyncio or multiprocessing? What was the task?$md$,
$j${"points": [
	{"text": "Names the tool used", "weight": 2, "phrases": ["thread", "asyncio", "multiprocessing", "celery", "concurrent futures"]},
	{"text": "Describes the task", "weight": 2, "phrases": ["request", "download", "api", "file", "job"]},
	{"text": "Says what it gave or what was hard", "weight": 1, "phrases": ["faster", "minute", "hardest", "learned", "rate limit"]}]}$j$,
ARRAY['How did you limit how much ran at once?'],
$md$Yes: I used asyncio with aiohttp to download product data from a supplier API, running about fifty requests at a time instead of one after another. The job went from half an hour to under two minutes. The hardest part was limiting concurrency with a semaphore so we stayed under the supplier's rate limit, which I learned the hard way.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'warmup',
$md$What does "the GIL" mean to you, in a sentence or two?$md$,
$j${"points": [
	{"text": "The global interpreter lock lets one thread at a time run Python bytecode in CPython", "weight": 3, "phrases": ["global interpreter lock", "one thread", "at a time", "bytecode", "cpython"]},
	{"text": "Released during I/O, so threads help I/O-bound but not CPU-bound work", "weight": 3, "phrases": ["i o bound", "cpu bound", "release", "multiprocessing"]},
	{"text": "Knows about the optional free-threaded build", "weight": 1, "phrases": ["free threaded", "3 13", "pep 703", "no gil"]}]}$j$,
ARRAY['So when do Python threads actually make a program faster?'],
$md$The GIL is CPython's global interpreter lock: only one thread at a time executes Python bytecode in a process. It is released while a thread waits for I/O, and by many C extensions during heavy work, so threads speed up I/O-bound work but not CPU-bound pure Python, where multiprocessing is the usual answer. Python 3.13 added an optional free-threaded build without the GIL (PEP 703), still experimental.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'fundamental',
$md$When would you use threads, processes or asyncio in Python? Give a typical task for each.$md$,
$j${"points": [
	{"text": "Threads for I/O-bound work with blocking libraries", "weight": 2, "phrases": ["thread", "i o bound", "blocking", "threadpoolexecutor"]},
	{"text": "Processes for CPU-bound work, avoiding the GIL at the cost of start-up and pickling", "weight": 3, "phrases": ["process", "cpu bound", "gil", "pickle", "pickling"]},
	{"text": "asyncio for very many concurrent I/O operations on one thread, cooperatively", "weight": 3, "phrases": ["asyncio", "event loop", "await", "single thread", "cooperative"]}]}$j$,
ARRAY['Can you mix asyncio with a blocking library? How?'],
$md$Threads suit I/O-bound work with blocking libraries, like calling a few dozen URLs with `requests` through a `ThreadPoolExecutor`: the GIL is released while each thread waits. Processes suit CPU-bound work such as resizing images or parsing big files, because each process has its own interpreter and GIL; the cost is start-up time and pickling data between processes. asyncio suits very many concurrent I/O operations, like a server with thousands of connections or a crawler, on a single thread with an event loop: tasks cooperate by `await`ing, so every library on the path must be async.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'fundamental',
$md$What is a **race condition**? Show a small Python example and how to fix it.$md$,
$j${"points": [
	{"text": "The result depends on the timing or interleaving of unsynchronised access to shared state", "weight": 3, "phrases": ["shared state", "timing", "interleave", "interleaving", "same time"]},
	{"text": "Example: counter += 1 is a read-modify-write, not atomic, so updates are lost", "weight": 3, "phrases": ["counter", "read modify write", "not atomic", "lost update", "lost"]},
	{"text": "Fix: a lock, or no sharing by passing messages through a queue", "weight": 2, "phrases": ["lock", "mutex", "queue", "atomic"]}]}$j$,
ARRAY['Does the GIL prevent this race? Why not?'],
$md$A race condition is a bug where the result depends on the timing or interleaving of threads that access shared state without synchronisation. The classic example is several threads running `counter += 1`: it is a read-modify-write (load, add, store), not atomic, so two threads can read the same value and one update is lost. The fix is to guard it with a `threading.Lock` (`with lock: counter += 1`) or to avoid sharing altogether by sending results through a `queue.Queue` to a single owner.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'intermediate',
$md$What is wrong with calling `time.sleep(1)` or `requests.get(url)` inside an `async def` function, and how do you fix it?$md$,
$j${"points": [
	{"text": "Blocking calls hold the event loop's thread, so every other task stalls", "weight": 3, "phrases": ["block", "event loop", "stall", "other task", "freeze"]},
	{"text": "Use async equivalents: asyncio.sleep and an async HTTP client", "weight": 3, "phrases": ["asyncio sleep", "await", "aiohttp", "httpx", "asyncclient"]},
	{"text": "Offload unavoidable blocking calls to a thread", "weight": 2, "phrases": ["to thread", "run in executor", "thread pool", "executor"]},
	{"text": "Finds such calls with asyncio debug mode", "weight": 1, "phrases": ["debug mode", "slow callback"]}]}$j$,
ARRAY['How would you run CPU-heavy work from an asyncio service?'],
$md$Both calls are blocking: they never yield to the event loop, so the loop's only thread sits in them and every other task stalls for that second or that request, which defeats the point of asyncio. Use async equivalents instead: `await asyncio.sleep(1)` and an async HTTP client such as httpx's `AsyncClient` or aiohttp. When a blocking call is unavoidable (a sync SDK, heavy file I/O), offload it with `await asyncio.to_thread(fn, ...)` or `loop.run_in_executor`, so it runs in a thread pool. asyncio's debug mode logs slow callbacks, which helps to find such calls.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'intermediate',
$md$How would you make 1,000 HTTP requests with asyncio, never more than 20 at once, and collect the failures?$md$,
$j${"points": [
	{"text": "Runs the coroutines together with gather or a TaskGroup", "weight": 3, "phrases": ["gather", "taskgroup", "create task", "task"]},
	{"text": "Limits concurrency with a semaphore or a fixed pool of workers", "weight": 3, "phrases": ["semaphore", "worker", "limit", "queue"]},
	{"text": "Collects errors with return_exceptions or per-request handling, with timeouts", "weight": 2, "phrases": ["return exceptions", "exception", "timeout", "try"]},
	{"text": "Reuses one session or client", "weight": 1, "phrases": ["session", "client", "connection pool", "reuse"]}]}$j$,
ARRAY['What changes if the API starts answering 429 Too Many Requests?'],
$md$I would create one `aiohttp.ClientSession` (or an httpx `AsyncClient`) so connections are reused, and an `asyncio.Semaphore(20)`; each request coroutine does `async with sem:` before sending, so at most 20 are in flight. I run all 1,000 coroutines with `asyncio.gather(*coros, return_exceptions=True)`, or with a `TaskGroup` and a try/except inside each coroutine, since a TaskGroup cancels the rest on the first unhandled error. Each request has a timeout, and afterwards I separate the results that are exceptions from the successes and log or retry the failures.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'advanced',
$md$Explain how the asyncio event loop works. What actually happens when a coroutine reaches an `await` on something that is not ready?$md$,
$j${"points": [
	{"text": "The coroutine suspends and control goes back to the event loop through its Task", "weight": 3, "phrases": ["suspend", "task", "control back", "give control", "send"]},
	{"text": "The awaited future gets a done callback; the loop runs ready callbacks", "weight": 3, "phrases": ["future", "callback", "ready", "resume"]},
	{"text": "The loop waits for I/O readiness and timers in a selector such as epoll", "weight": 3, "phrases": ["selector", "epoll", "kqueue", "readiness", "timer"]},
	{"text": "It is cooperative: code that never awaits blocks everything", "weight": 1, "phrases": ["cooperative", "never await", "blocks everything"]}]}$j$,
ARRAY['Why does an un-awaited coroutine never run?'],
$md$A coroutine runs inside a Task, which drives it by calling its `send()`. When the coroutine awaits something that is not ready, ultimately a Future, it suspends and the future is passed up to the Task, which adds a done callback to the future and gives control back to the event loop. The loop repeatedly runs the callbacks in its ready queue, then waits in a selector (epoll on Linux, kqueue on BSD and macOS) for socket readiness, with a timeout set by the nearest scheduled timer; when the I/O completes the future's result is set, its callback makes the Task ready, and the Task resumes the coroutine where it left off. It is all cooperative: code that never awaits, such as a long CPU loop, blocks everything.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'advanced',
$md$A multithreaded Python worker sometimes hangs in a deadlock. What typically causes deadlocks, and how would you find and prevent this one?$md$,
$j${"points": [
	{"text": "Causes: locks taken in different orders, a non-reentrant lock re-acquired, holding a lock while waiting", "weight": 3, "phrases": ["different order", "circular wait", "reentrant", "rlock", "while holding"]},
	{"text": "Finds it by dumping every thread's stack while it hangs", "weight": 3, "phrases": ["py spy", "faulthandler", "stack", "dump", "traceback"]},
	{"text": "Prevents it: one lock order, acquire timeouts, less sharing through queues", "weight": 2, "phrases": ["lock order", "timeout", "queue", "message passing"]},
	{"text": "Knows fork in a threaded process can copy a held lock", "weight": 1, "phrases": ["fork", "spawn"]}]}$j$,
ARRAY['How would you write a test that reproduces a deadlock reliably?'],
$md$The usual cause is two threads taking the same two locks in a different order, so each holds one and waits for the other (a circular wait); others are re-acquiring a non-reentrant `Lock` in the same thread where an `RLock` was needed, or waiting on a queue or future while holding a lock that the producing thread needs. To find it I would dump every thread's stack while it hangs, with `py-spy dump --pid` or `faulthandler.dump_traceback_later`, and look for threads parked in `acquire`. To prevent it: one global lock order, timeouts on `acquire` that log and fail loudly, and less shared state, with work passed through queues. I would also check for `fork` in a threaded process, where the child can inherit a lock held by a thread that does not exist in it; the `spawn` start method avoids that.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'expert',
$md$What changes for Python code and C extensions with the free-threaded (no-GIL) build of CPython 3.13, and how would you judge whether your service would benefit?$md$,
$j${"points": [
	{"text": "PEP 703: an optional build in which threads run Python in parallel on several cores", "weight": 3, "phrases": ["pep 703", "free threaded", "parallel", "multiple cores", "3 13t"]},
	{"text": "How it stays safe: biased reference counting, immortal objects, per-object locks, mimalloc; slower single-threaded", "weight": 3, "phrases": ["biased reference counting", "immortal", "per object lock", "mimalloc", "slower"]},
	{"text": "C extensions must declare support or the GIL is re-enabled; code that relied on the GIL may now race", "weight": 2, "phrases": ["extension", "py mod gil", "re enable", "thread safe", "race"]},
	{"text": "Judges it by benchmarking the real workload and checking dependencies, against multiprocessing", "weight": 2, "phrases": ["benchmark", "cpu bound", "dependencies", "wheel", "multiprocessing"]}]}$j$,
ARRAY['What kind of Python code that works today could break without the GIL?'],
$md$PEP 703's free-threaded build (`python3.13t`) is an optional, experimental build in which threads run Python bytecode in parallel on multiple cores. To make that safe CPython uses biased reference counting, immortal objects for things like small ints and `None`, per-object locks inside built-in containers, and the mimalloc allocator; single-threaded code runs noticeably slower in 3.13 as a result. C extensions must declare that they support it (the `Py_mod_gil` slot); importing one that does not re-enables the GIL, and extension or Python code that quietly relied on the GIL for thread safety can now race. To judge the benefit I would benchmark our real CPU-bound threaded workload on the free-threaded build, check that every dependency ships free-threaded wheels, and compare with what we get today from multiprocessing.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'concurrency', 'technical', 'expert',
$md$Design a Python system that processes 5,000 CPU-heavy image jobs per minute submitted through an API. How would you structure concurrency across the API, the queue and the workers?$md$,
$j${"points": [
	{"text": "A thin async API that stores the input, enqueues and returns a job id", "weight": 2, "phrases": ["enqueue", "job id", "202", "async"]},
	{"text": "A durable broker with acknowledgements: at-least-once delivery, idempotent handlers, dead letters", "weight": 3, "phrases": ["broker", "at least once", "idempotent", "dead letter", "acknowledge"]},
	{"text": "Workers use one process per core, scaled horizontally, with a small prefetch", "weight": 3, "phrases": ["process per core", "multiprocessing", "celery", "prefetch", "horizontal"]},
	{"text": "Capacity maths and autoscaling on queue depth, with backpressure", "weight": 2, "phrases": ["83", "per second", "queue depth", "autoscale", "backpressure"]}]}$j$,
ARRAY['How would you report progress on a job back to the user?'],
$md$The API stays thin and async: it validates the upload, stores the image in object storage, enqueues a job and returns `202 Accepted` with a job id, never doing CPU work in the request. Jobs go to a durable broker such as RabbitMQ, Redis streams or SQS, acknowledged only after completion, so delivery is at least once and handlers must be idempotent, with limited retries and a dead letter queue for jobs that keep failing. Workers are separate services running one process per core (multiprocessing, or Celery's prefork pool), because the GIL rules out threads for CPU-bound Python, with a small prefetch so a slow job does not hold others back. Capacity: 5,000 jobs a minute is about 83 per second, so at one CPU-second per job we need at least 83 busy cores plus headroom; I would autoscale workers on queue depth and apply backpressure (a 429 or a quota) when the queue grows faster than we drain it.$md$);

-- Python developer: behavioural (STAR) -----------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'collaboration', 'behavioral', 'fundamental',
$md$Tell me about a code review in which you and the other person strongly disagreed. How did you resolve it?$md$,
$j${"points": [
	{"text": "Situation: the change and the disagreement", "weight": 1, "phrases": ["situation", "code review", "pull request", "colleague"]},
	{"text": "Task: their role in the review and what they had to achieve", "weight": 1, "phrases": ["my role", "task", "reviewer", "i needed"]},
	{"text": "Action: the steps they took themselves", "weight": 3, "phrases": ["i decided", "i asked", "i proposed", "i suggested", "call"]},
	{"text": "Result: the outcome and what changed for the team", "weight": 2, "phrases": ["as a result", "shipped", "adopted", "learned"]},
	{"text": "Kept it about the code: sought the other person's reasons, used evidence, reached an agreement", "weight": 3, "phrases": ["their point", "understand", "data", "compromise", "agreed"]}]}$j$,
ARRAY['What do you do when a review comment is about personal taste?'],
$md$The situation: in a code review I argued that a colleague's new caching layer was premature, and the thread grew to twenty comments. My role was reviewer, and my task was to unblock the change without lowering the bar. I decided to move the discussion to a short call, where I asked about their point: one large customer's requests were timing out, data I had not seen. We agreed on a compromise, a smaller cache with an expiry and a test, and I proposed writing the reasoning into the pull request description. As a result it shipped the same day, and the team adopted a habit of moving long review threads to a call.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'python', 'ownership', 'behavioral', 'advanced',
$md$Tell me about a time you took ownership of a problem nobody was assigned to, such as a flaky test suite, slow builds or an unowned service.$md$,
$j${"points": [
	{"text": "Situation: the problem and why nobody owned it", "weight": 1, "phrases": ["situation", "nobody", "no one", "everyone"]},
	{"text": "Task: the goal they set themselves", "weight": 1, "phrases": ["my task", "task", "my role", "goal"]},
	{"text": "Action: measured, planned, got buy-in and did the work", "weight": 3, "phrases": ["i decided", "measure", "i proposed", "plan", "i fixed"]},
	{"text": "Result: measured improvement and lasting ownership", "weight": 2, "phrases": ["as a result", "dropped", "minute", "handed"]},
	{"text": "Took initiative beyond their assignment while keeping others informed", "weight": 3, "phrases": ["lead", "team", "without being asked", "guide", "dashboard"]}]}$j$,
ARRAY['How did you balance this with the work you were assigned?'],
$md$The situation: our Python CI took forty minutes and failed randomly; everyone complained but nobody owned it. My task, which I took on myself, was to make it fast and reliable without stopping feature work. I decided to measure first, found the ten slowest and five flakiest tests, proposed a two-week plan to my lead, and fixed them one by one while moving the suite to run in parallel with pytest-xdist. As a result CI dropped to twelve minutes and random failures nearly vanished; I wrote a short guide and handed a dashboard to the team so it stays owned.$md$);

-- JavaScript developer: language core -------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'warmup',
$md$How long have you been writing JavaScript, and what do you enjoy most about the language?$md$,
$j${"points": [
	{"text": "Describes their experience", "weight": 2, "phrases": ["year", "project", "frontend", "node", "browser"]},
	{"text": "Says what they enjoy about it", "weight": 2, "phrases": ["everywhere", "flexible", "function", "ecosystem", "feedback"]},
	{"text": "Mentions modern JavaScript or TypeScript", "weight": 1, "phrases": ["es6", "es2015", "modern", "typescript"]}]}$j$,
ARRAY['What do you find most frustrating about JavaScript?'],
$md$I have written JavaScript for about five years, first for frontend work in the browser and later for Node services. What I enjoy most is that it runs everywhere, and first-class functions make it flexible: one language covers the UI, the API and the build tooling. Modern JavaScript since ES6 (modules, arrow functions, async/await), with TypeScript on top, made large projects much nicer.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'warmup',
$md$Which modern JavaScript feature (ES2015 or later) do you use every day, and why?$md$,
$j${"points": [
	{"text": "Names a modern feature", "weight": 2, "phrases": ["destructuring", "optional chaining", "arrow function", "async await", "template literal", "spread"]},
	{"text": "Says why it helps", "weight": 2, "phrases": ["shorter", "safer", "readable", "less code", "clear"]},
	{"text": "Shows an example or what it replaced", "weight": 1, "phrases": ["for example", "instead of", "used to", "replace"]}]}$j$,
ARRAY['What is the difference between `??` and `||`?'],
$md$Optional chaining and destructuring. For example, `const { name, address } = user` followed by `address?.city ?? 'unknown'` replace several lines of `&&` checks I used to write, so the code is shorter and safer against `undefined`. Arrow functions and template literals are close behind.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'fundamental',
$md$Explain the differences between `var`, `let` and `const`.$md$,
$j${"points": [
	{"text": "var is function-scoped; let and const are block-scoped", "weight": 3, "phrases": ["function scoped", "function scope", "block scoped", "block scope"]},
	{"text": "All are hoisted, but let and const are in the temporal dead zone until declared", "weight": 3, "phrases": ["hoist", "temporal dead zone", "tdz", "referenceerror", "undefined"]},
	{"text": "const prevents reassignment, not mutation", "weight": 2, "phrases": ["reassign", "mutate", "mutation", "binding"]},
	{"text": "Consequences in loops and closures", "weight": 1, "phrases": ["loop", "closure", "iteration", "global object"]}]}$j$,
ARRAY['How would you make an object truly unchangeable?'],
$md$`var` is function-scoped, while `let` and `const` are block-scoped, so a `let` inside an `if` or a loop does not leak out. All three are hoisted, but `var` is initialised to `undefined`, whereas `let` and `const` sit in the temporal dead zone until their declaration runs, and touching them earlier throws a `ReferenceError`. `const` prevents reassigning the binding, not mutating the object it points to, so `const arr = []; arr.push(1)` is fine. A classic consequence is loops: with `var` every closure created in the loop shares one variable, while `let` gives each iteration its own.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'fundamental',
$md$What is a **closure** in JavaScript? Give an example where one is useful.$md$,
$j${"points": [
	{"text": "A function keeps access to the variables of the scope it was created in, even after the outer function returns", "weight": 3, "phrases": ["lexical", "scope", "outer", "remember", "keeps access"]},
	{"text": "A useful example: private state, counters, factories, handlers", "weight": 3, "phrases": ["counter", "private", "factory", "handler", "memoize", "once"]},
	{"text": "Notes the cost: captured variables stay alive", "weight": 1, "phrases": ["memory", "alive", "leak", "stale"]}]}$j$,
ARRAY['How could closures cause a memory leak in a long-running page?'],
$md$A closure is a function together with the lexical scope it was created in: it keeps access to the outer function's variables even after that outer function has returned. For example, `function makeCounter() { let n = 0; return () => ++n; }` gives each counter its own private `n` that nothing else can touch. Closures are everywhere: event handlers, factories, `once` and memoize helpers. The flip side is that a closure keeps those variables alive, so a long-lived closure over a big object holds memory longer than you might expect.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'intermediate',
$md$What does this print, and why? How would you make it print 0, 1, 2?

```js
for (var i = 0; i < 3; i++) {
  setTimeout(() => console.log(i), 0);
}
```$md$,
$j${"points": [
	{"text": "It prints 3, 3, 3", "weight": 3, "phrases": ["3 3 3", "prints 3"]},
	{"text": "var is one variable shared by all callbacks, which run after the loop ends", "weight": 3, "phrases": ["one variable", "shared", "same variable", "after the loop", "function scoped"]},
	{"text": "let creates a new binding per iteration; an IIFE also works", "weight": 2, "phrases": ["let", "per iteration", "new binding", "iife"]}]}$j$,
ARRAY['Would the output change with a delay of 1000 instead of 0?'],
$md$It prints 3, 3, 3. `var` creates one function-scoped variable shared by all three callbacks, and the callbacks only run after the loop has finished, when `i` is already 3. Changing `var` to `let` fixes it, because `let` in a `for` loop creates a new binding per iteration, so each callback closes over its own `i`; before ES2015 people used an IIFE to capture the value.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'intermediate',
$md$How does `this` get its value? Explain `this` in a plain function call, a method call, an arrow function, and with `call`, `apply` and `bind`.$md$,
$j${"points": [
	{"text": "Decided by how the function is called: the object for a method, undefined in strict mode for a plain call", "weight": 3, "phrases": ["is called", "method", "strict mode", "undefined", "call site"]},
	{"text": "Arrow functions have no own this: they use the enclosing scope's", "weight": 3, "phrases": ["arrow", "lexical", "enclosing", "own this"]},
	{"text": "call and apply set it for one call, bind returns a bound function; new binds the new object", "weight": 2, "phrases": ["bind", "apply", "bound", "new object"]},
	{"text": "Passing a method as a callback loses this", "weight": 1, "phrases": ["callback", "lose", "detach"]}]}$j$,
ARRAY['Why do class components in React often bind their handlers?'],
$md$`this` is decided by how a function is called, not where it is defined. Called as a method, `obj.greet()`, it is `obj`; called as a plain function it is `undefined` in strict mode (the global object in sloppy mode); with `new` it is the newly created object. `call` and `apply` set it explicitly for one call, and `bind` returns a new function with `this` fixed for good. Arrow functions have no own `this`: they use the lexical `this` of the enclosing scope, which makes them handy for callbacks, since passing `obj.greet` as a callback detaches it and loses `this`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'advanced',
$md$Explain **prototypal inheritance**. How does property lookup work, and what does `class` add on top of prototypes?$md$,
$j${"points": [
	{"text": "Objects link to a prototype; lookup walks the prototype chain until found or null", "weight": 3, "phrases": ["prototype chain", "prototype", "walk", "null", "own property"]},
	{"text": "class is mostly syntax over constructor functions and prototype methods", "weight": 3, "phrases": ["syntax", "sugar", "constructor function", "prototype object"]},
	{"text": "What class adds: no call without new, strict mode, super, static, private fields", "weight": 2, "phrases": ["without new", "strict mode", "super", "static", "private"]},
	{"text": "Knows Object.create, getPrototypeOf and shadowing", "weight": 1, "phrases": ["object create", "getprototypeof", "shadow"]}]}$j$,
ARRAY['What does `Object.create(null)` give you, and when is it useful?'],
$md$Every object has an internal link, `[[Prototype]]`, to another object or to null. Reading a property first checks the object's own properties, then walks up the prototype chain until it finds the property or reaches `null`; writing normally creates an own property that shadows the inherited one. `class` is largely syntax over the same model: the class is a constructor function, its methods go on its `prototype` object, and `extends` links the prototypes. It does add real differences: a class cannot be called without `new`, its body runs in strict mode, and it brings `super`, `static` members and truly private `#fields`. `Object.create(proto)` and `Object.getPrototypeOf` work on the same chain directly.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'advanced',
$md$What are the pitfalls of `==` and of floating-point numbers in JavaScript? Give an example of each and how you avoid it.$md$,
$j${"points": [
	{"text": "== coerces types with surprising results; use ===", "weight": 3, "phrases": ["coerce", "coercion", "strict equality", "type conversion", "triple equals"]},
	{"text": "Numbers are IEEE 754 doubles: 0.1 + 0.2 is not 0.3", "weight": 3, "phrases": ["ieee 754", "double", "0 30000000000000004", "binary", "floating point"]},
	{"text": "Avoid with integer cents, a tolerance, or BigInt beyond the safe range", "weight": 2, "phrases": ["cents", "epsilon", "tolerance", "bigint", "max safe integer"]},
	{"text": "NaN is not equal to itself: Number.isNaN or Object.is", "weight": 1, "phrases": ["nan", "isnan", "object is"]}]}$j$,
ARRAY['When is `x == null` a reasonable thing to write?'],
$md$`==` converts types before comparing, with surprising rules: `'0' == 0` and `0 == ''` are both true, yet `'0' == ''` is false, and `[] == false` is true; so I use strict equality `===`, allowing only `x == null` as a deliberate check for null or undefined. Numbers are IEEE 754 doubles, so `0.1 + 0.2 === 0.3` is false (the sum is 0.30000000000000004), because those decimals have no exact binary form. For money I store integer cents, compare other floats with a tolerance scaled from `Number.EPSILON`, and use `BigInt` beyond `Number.MAX_SAFE_INTEGER`. And `NaN` is not equal to itself: test it with `Number.isNaN` or `Object.is`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'expert',
$md$How do engines such as V8 make dynamic JavaScript fast? Explain tiered compilation, hidden classes (shapes), inline caches, and what causes deoptimisation.$md$,
$j${"points": [
	{"text": "Bytecode in an interpreter collects type feedback; hot code moves up to an optimising JIT", "weight": 3, "phrases": ["jit", "ignition", "turbofan", "bytecode", "type feedback", "tier"]},
	{"text": "Hidden classes: objects with the same properties in the same order share a shape", "weight": 3, "phrases": ["hidden class", "shape", "same order", "transition"]},
	{"text": "Inline caches at access sites: monomorphic, polymorphic, megamorphic", "weight": 2, "phrases": ["inline cache", "monomorphic", "polymorphic", "megamorphic"]},
	{"text": "Broken assumptions deoptimise: changing types, deleted properties", "weight": 2, "phrases": ["deoptimize", "deoptimise", "deopt", "assumption", "delete"]}]}$j$,
ARRAY['Why can initialising all fields in the constructor make code faster?'],
$md$V8 first compiles functions to bytecode that the Ignition interpreter runs while collecting type feedback; hot functions move up tiers, through the Sparkplug baseline compiler and Maglev, to TurboFan, the optimising JIT, which emits machine code specialised for the types it has seen. Objects get hidden classes (V8 calls them maps, other engines shapes): objects created with the same properties in the same order share one, and adding a property follows a transition to another, so each property sits at a known offset. Each property access site has an inline cache: monomorphic if it always sees one shape (fast), polymorphic for a few, megamorphic for many (a slow generic lookup). When an assumption breaks, say a function that saw only small integers gets a string, or a property is deleted, the optimised code is discarded and execution deoptimizes back to the interpreter; so hot code should keep types and object shapes consistent.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'language_core', 'technical', 'expert',
$md$How does garbage collection work in V8, and which JavaScript patterns cause memory leaks in long-running pages or Node services?$md$,
$j${"points": [
	{"text": "Generational: a scavenger for the young generation, mark-sweep-compact for the old", "weight": 3, "phrases": ["generational", "young generation", "old generation", "scavenge", "mark sweep"]},
	{"text": "Tracing reachability from roots, so cycles are collected", "weight": 2, "phrases": ["reachable", "reachability", "root", "cycle"]},
	{"text": "Incremental, concurrent and parallel marking keep pauses short", "weight": 2, "phrases": ["incremental", "concurrent", "parallel", "pause"]},
	{"text": "Leaks come from listeners, timers, growing caches, closures, detached DOM; found with heap snapshots, eased by WeakMap", "weight": 3, "phrases": ["listener", "timer", "cache", "detached dom", "heap snapshot", "weakmap"]}]}$j$,
ARRAY['How would you confirm a leak in production rather than on your laptop?'],
$md$V8's collector is generational: new objects go to the young generation, which a fast scavenger collects by copying survivors between two semi-spaces, and objects that survive are promoted to the old generation, collected by mark-sweep-compact. It traces reachability from roots (the stack, globals, handles) instead of counting references, so cycles are not a problem, and its Orinoco work made marking incremental, concurrent and parallel to keep pauses short. Leaks happen when something reachable keeps data you no longer need: event listeners and timers never removed, caches or Maps that only grow, closures holding large objects, and detached DOM nodes still referenced from JavaScript. I find them by comparing heap snapshots in DevTools (or Node with `--inspect`) and fix them by removing listeners, bounding caches, and using `WeakMap` or `WeakRef` for data keyed by objects.$md$);

-- JavaScript developer: async ----------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'warmup',
$md$How did you write asynchronous JavaScript when you started, and how do you write it today?$md$,
$j${"points": [
	{"text": "Describes the path from callbacks to promises to async/await", "weight": 3, "phrases": ["callback", "promise", "async await", "then"]},
	{"text": "Says why the newer style is better", "weight": 2, "phrases": ["readable", "try catch", "error handling", "callback hell", "nesting"]},
	{"text": "Gives an example", "weight": 1, "phrases": ["fetch", "api", "request", "file", "for example"]}]}$j$,
ARRAY['Is there still a place for callbacks in your code?'],
$md$When I started, asynchronous code meant nested callbacks, with error handling repeated at every level: the famous callback hell. Then promises let me chain `.then()` calls, and today I write almost everything with async/await, which reads like synchronous code and lets me handle errors with an ordinary try/catch. For example, loading a user and then their orders is now two `await fetch(...)` lines instead of three levels of nesting.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'warmup',
$md$Tell us about an asynchronous bug you ran into. What was happening, and how did you fix it?$md$,
$j${"points": [
	{"text": "Describes the bug", "weight": 2, "phrases": ["forgot", "race", "order", "unhandled", "timing", "pending"]},
	{"text": "Says how they found it", "weight": 2, "phrases": ["log", "debug", "reproduce", "test", "devtools"]},
	{"text": "Explains the fix and any prevention", "weight": 2, "phrases": ["await", "promise all", "lint", "cancel", "abort"]}]}$j$,
ARRAY['What would have caught it earlier?'],
$md$In a Node script I forgot an `await` in front of a database write inside a loop, so the script reported success and exited while writes were still pending, and some rows were missing. I found it by adding timestamped logs and reproducing it with a small dataset in a test. The fix was to await each write, or collect the promises and await `Promise.all`, and I turned on the lint rule that flags floating promises.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'fundamental',
$md$Explain the event loop: the call stack, the task queue and the microtask queue. In what order does this print?

```js
console.log(1);
setTimeout(() => console.log(2));
Promise.resolve().then(() => console.log(3));
console.log(4);
```$md$,
$j${"points": [
	{"text": "One thread: the call stack runs synchronous code to completion", "weight": 2, "phrases": ["call stack", "single thread", "synchronous", "run to completion"]},
	{"text": "After each task the microtask queue (promise callbacks) is drained before the next task", "weight": 3, "phrases": ["microtask", "macrotask", "task queue", "drain", "promise callback"]},
	{"text": "The order is 1, 4, 3, 2", "weight": 3, "phrases": ["4 3 2", "3 before 2"]}]}$j$,
ARRAY['Where does rendering fit between tasks and microtasks?'],
$md$JavaScript runs on a single thread: the call stack executes synchronous code to completion. When it is empty, the event loop takes the next task from the task (macrotask) queue, such as a `setTimeout` callback or an I/O event; after each task, and before rendering, it drains the whole microtask queue, which holds promise callbacks and `queueMicrotask` jobs. So this prints 1, 4, 3, 2: 1 and 4 are synchronous, 3 is a microtask that runs as soon as the script finishes, and 2 is a task that waits for a later turn of the loop.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'fundamental',
$md$What is a Promise and which states can it be in? What is the difference between `Promise.all`, `Promise.allSettled`, `Promise.race` and `Promise.any`?$md$,
$j${"points": [
	{"text": "A promise is the eventual result: pending, then settled once as fulfilled or rejected", "weight": 3, "phrases": ["pending", "fulfilled", "rejected", "settle", "eventual"]},
	{"text": "all gives every value but rejects on the first rejection", "weight": 2, "phrases": ["first rejection", "any one reject", "all the values"]},
	{"text": "allSettled waits for all and reports each status", "weight": 2, "phrases": ["allsettled", "status", "every promise"]},
	{"text": "race settles with the first to settle; any fulfils with the first success, AggregateError if all reject", "weight": 2, "phrases": ["race", "first fulfil", "aggregateerror"]}]}$j$,
ARRAY['Which of these would you use to show results from several sources as they arrive?'],
$md$A Promise is an object standing for the eventual result of an asynchronous operation. It starts pending and settles exactly once, either fulfilled with a value or rejected with a reason. `Promise.all` fulfils with all the values in order but rejects as soon as any one rejects (the first rejection); `Promise.allSettled` waits for every promise and gives each one's status with its value or reason; `Promise.race` settles like whichever promise settles first; and `Promise.any` takes the first fulfilment, rejecting with an `AggregateError` only if all of them reject.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'intermediate',
$md$What is wrong with this code, and how would you fix it?

```js
async function loadAll(ids) {
  const users = [];
  ids.forEach(async (id) => {
    users.push(await fetchUser(id));
  });
  return users;
}
```$md$,
$j${"points": [
	{"text": "forEach does not wait for async callbacks, so the function returns an empty array", "weight": 3, "phrases": ["foreach", "does not wait", "empty array", "not awaited", "immediately"]},
	{"text": "Failed fetches become unhandled rejections", "weight": 2, "phrases": ["unhandled", "rejection"]},
	{"text": "Fix: Promise.all over map for parallel, or for...of with await for sequential", "weight": 3, "phrases": ["promise all", "map", "for of", "parallel", "sequential"]},
	{"text": "Keeps order and limits concurrency for long lists", "weight": 1, "phrases": ["order", "concurrency limit", "limit"]}]}$j$,
ARRAY['How would you keep the successful results when some fetches fail?'],
$md$`forEach` ignores the promises its async callback returns, so it does not wait for them: `loadAll` returns an empty array immediately, the users arrive later, and any failed fetch becomes an unhandled rejection. To fetch in parallel I would write `return Promise.all(ids.map(id => fetchUser(id)))`, which keeps the order of `ids` and rejects if any fetch fails; to fetch one at a time I would use a `for...of` loop with `await` inside. For a long list I would add a concurrency limit so we do not fire hundreds of requests at once.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'intermediate',
$md$How would you add a timeout to a `fetch` call, and really cancel the request when the timeout fires?$md$,
$j${"points": [
	{"text": "Pass an abort signal: AbortController.abort() cancels the request", "weight": 3, "phrases": ["abortcontroller", "signal", "abort"]},
	{"text": "AbortSignal.timeout, or setTimeout with clearTimeout", "weight": 2, "phrases": ["abortsignal timeout", "settimeout", "cleartimeout"]},
	{"text": "Promise.race with a timer only stops waiting; the request keeps running", "weight": 2, "phrases": ["promise race", "still running", "only stops waiting"]},
	{"text": "Tells timeouts from cancellations and network errors", "weight": 1, "phrases": ["timeouterror", "aborterror", "catch"]}]}$j$,
ARRAY['How would you cancel every pending request when the user leaves the page section?'],
$md$I would pass an abort signal to `fetch`: either `fetch(url, { signal: AbortSignal.timeout(5000) })`, or create an `AbortController`, call `controller.abort()` from a `setTimeout`, and `clearTimeout` when the response arrives. Aborting really cancels the request and makes the fetch promise reject. Wrapping fetch in `Promise.race` with a timer only stops waiting: the request is still running and its response is wasted. In the `catch` I tell a timeout (a `TimeoutError` from `AbortSignal.timeout`) apart from a deliberate cancel (an `AbortError`) and from network errors.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'advanced',
$md$Without a library, how would you process 10,000 async jobs in JavaScript with at most N running at a time? Describe the approach.$md$,
$j${"points": [
	{"text": "A pool of N workers pulling the next job from a shared index or iterator", "weight": 3, "phrases": ["worker", "pool", "shared index", "iterator", "next job"]},
	{"text": "Each worker is an async loop; Promise.all waits for the workers", "weight": 2, "phrases": ["loop", "await", "promise all"]},
	{"text": "Keeps results in order by index and decides an error policy", "weight": 3, "phrases": ["index", "order", "error", "retry", "failure"]},
	{"text": "Better than fixed batches, which wait for their slowest job", "weight": 1, "phrases": ["batch", "slowest", "idle"]}]}$j$,
ARRAY['Why does the shared index need no lock here?'],
$md$I would build a small pool: a shared index (or iterator) over the jobs and N workers, each an async loop that takes the next job index, `await`s the job, stores the result at that index so order is kept, and repeats until the jobs run out. Starting the N workers and awaiting `Promise.all(workers)` finishes when everything is done, and since JavaScript runs on one thread, the shared index needs no lock. I would decide the error policy up front: record each failure and continue, or retry with backoff. This beats splitting the jobs into batches of N, where each batch waits for its slowest job while slots sit idle.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'advanced',
$md$What are async iterators and `for await...of`? When would you use them, for example with streams or paginated APIs?$md$,
$j${"points": [
	{"text": "next() returns a promise of value and done; Symbol.asyncIterator; async generator functions", "weight": 3, "phrases": ["symbol asynciterator", "next", "async generator", "value done", "promise"]},
	{"text": "for await...of consumes items one at a time", "weight": 2, "phrases": ["for await", "one item", "sequential"]},
	{"text": "Uses: paginated APIs and streams, with natural backpressure", "weight": 3, "phrases": ["stream", "paginated", "page", "backpressure", "readable"]},
	{"text": "Leaving the loop calls return(), so cleanup runs", "weight": 1, "phrases": ["return", "break", "finally"]}]}$j$,
ARRAY['How would you merge two async iterators into one?'],
$md$An async iterator is an object whose `next()` returns a promise of `{ value, done }`; an object is async iterable if it has a `Symbol.asyncIterator` method, and an `async function*` generator is the easiest way to write one. `for await...of` consumes it one item at a time, awaiting each before the loop body runs. I use them for paginated APIs, where a generator yields items and fetches the next page only when needed, and for streams: Node readable streams are async iterable, and pulling chunks only as fast as the loop handles them gives natural backpressure. Leaving the loop early with `break` calls the iterator's `return()`, so the generator's `finally` block can close the connection.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'expert',
$md$How does the Node.js event loop differ from the browser's? Cover its phases, where `process.nextTick` and promise callbacks run, and what libuv's thread pool does.$md$,
$j${"points": [
	{"text": "libuv phases: timers, pending callbacks, poll, check (setImmediate), close", "weight": 3, "phrases": ["libuv", "timers", "poll", "check", "setimmediate"]},
	{"text": "The nextTick queue drains before promise microtasks after each callback, and can starve I/O", "weight": 3, "phrases": ["nexttick", "before promise", "microtask", "starve"]},
	{"text": "Sockets use OS async I/O; fs, dns.lookup, crypto and zlib use the thread pool, four threads by default", "weight": 3, "phrases": ["thread pool", "uv threadpool size", "crypto", "dns lookup", "epoll"]},
	{"text": "The browser interleaves rendering between tasks", "weight": 1, "phrases": ["rendering", "paint", "requestanimationframe"]}]}$j$,
ARRAY['Why can many slow `fs` calls delay unrelated `crypto` work in Node?'],
$md$Node's loop is libuv's, which runs in phases: timers (`setTimeout`, `setInterval`), pending callbacks, poll (waiting for and handling I/O), check (`setImmediate`) and close callbacks. After each callback Node first drains the `process.nextTick` queue and then the promise microtask queue, so nextTick callbacks run even before promise callbacks, and a recursive nextTick can starve I/O. Network sockets use the operating system's asynchronous interfaces (epoll, kqueue, IOCP) directly, while work without one, such as `fs` calls, `dns.lookup`, `crypto.pbkdf2` and `zlib`, runs on libuv's thread pool, four threads by default (`UV_THREADPOOL_SIZE`). The browser's loop has no such phases, but it interleaves rendering, with `requestAnimationFrame` callbacks and paint between tasks.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'async', 'technical', 'expert',
$md$Design the client-side request layer of a large web app: deduplicating identical requests, caching, retrying and cancelling stale requests. Which async building blocks would you use, and which trade-offs would you weigh?$md$,
$j${"points": [
	{"text": "Deduplicates by sharing the in-flight promise per request key", "weight": 3, "phrases": ["in flight", "dedupe", "deduplicate", "deduplication", "same promise", "request key"]},
	{"text": "Caches with a TTL or stale-while-revalidate and invalidates after mutations", "weight": 2, "phrases": ["ttl", "stale while revalidate", "invalidate", "invalidation", "cache"]},
	{"text": "Retries only transient failures of idempotent requests, with exponential backoff and jitter", "weight": 3, "phrases": ["exponential backoff", "jitter", "idempotent", "transient"]},
	{"text": "Cancels with AbortController, only when no subscriber is left", "weight": 2, "phrases": ["abortcontroller", "subscriber", "reference count"]}]}$j$,
ARRAY['How would you test the retry logic without waiting for real timeouts?'],
$md$Deduplication keeps a map from a request key (method, URL and body) to the in-flight promise, so a second caller gets the same promise instead of a second request, and the entry is removed when it settles. Responses go into a cache with a TTL and stale-while-revalidate, so the UI shows cached data at once and refreshes in the background, with explicit invalidation after mutations. Retries use exponential backoff with jitter and apply only to transient failures (network errors, 502, 503, or 429 with `Retry-After`) of idempotent requests, never a POST that may already have gone through. Cancellation uses an `AbortController` per request, but with deduplication I abort only when the last subscriber has gone, keeping a reference count. The trade-offs are staleness against freshness and the memory the cache uses, and since TanStack Query and SWR already do most of this, I would build it myself only with a good reason.$md$);

-- JavaScript developer: browser ---------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'warmup',
$md$Which browser DevTools features do you use most when building or debugging a page?$md$,
$j${"points": [
	{"text": "Names the panels they use", "weight": 2, "phrases": ["network", "elements", "console", "sources", "performance"]},
	{"text": "Debugs with breakpoints rather than only logging", "weight": 2, "phrases": ["breakpoint", "debugger", "step", "inspect"]},
	{"text": "Uses deeper tools: throttling, Lighthouse, memory, coverage", "weight": 1, "phrases": ["throttling", "lighthouse", "memory", "coverage"]}]}$j$,
ARRAY['What is a DevTools feature you discovered late and wish you had known earlier?'],
$md$The Network panel is the one I live in: it shows each request with its status, headers, timing and payload, and I use throttling to see the page on a slow connection. Then the Elements panel for inspecting the DOM and live-editing CSS, and the Sources panel with breakpoints, including conditional and event listener breakpoints, instead of sprinkling `console.log`. For slowness I record in the Performance panel and run Lighthouse.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'warmup',
$md$What is the most interesting thing you have built that runs in the browser?$md$,
$j${"points": [
	{"text": "Describes what they built", "weight": 2, "phrases": ["built", "app", "tool", "game", "page"]},
	{"text": "Names the browser APIs or techniques involved", "weight": 2, "phrases": ["canvas", "websocket", "indexeddb", "dom", "service worker", "local storage"]},
	{"text": "Says what was hard or what they learned", "weight": 1, "phrases": ["hard", "challenge", "learned", "performance"]}]}$j$,
ARRAY['What would you build differently today?'],
$md$I built a small collaborative whiteboard for our team retrospectives. It draws on a canvas, syncs strokes between browsers over a WebSocket, and keeps a local copy in IndexedDB so it survives a reload. The hard part was performance: redrawing everything on each stroke was slow, so I learned to draw incrementally and batch updates with `requestAnimationFrame`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'fundamental',
$md$What is the DOM? And what are event bubbling and event delegation?$md$,
$j${"points": [
	{"text": "The DOM is the browser's tree of objects for the page, with an API to change it", "weight": 2, "phrases": ["tree", "document object model", "node", "api"]},
	{"text": "Events propagate: capture down, the target, then bubbling up through ancestors", "weight": 3, "phrases": ["bubble", "bubbling", "capture", "ancestor", "propagate"]},
	{"text": "Delegation: one listener on a parent handles children via event.target, including later ones", "weight": 3, "phrases": ["delegation", "one listener", "event target", "closest", "added later"]},
	{"text": "stopPropagation differs from preventDefault", "weight": 1, "phrases": ["stoppropagation", "preventdefault"]}]}$j$,
ARRAY['Which events do not bubble, and how would you delegate them?'],
$md$The DOM (Document Object Model) is the browser's tree of objects representing the page, with an API to read and change it; elements and text are nodes in that tree. When an event fires on an element it propagates in three phases: capture from the window down to the target, the target itself, then bubbling back up through each ancestor. Event delegation uses bubbling: one listener on a parent, such as a list, handles events from all its children by checking `event.target` (often with `closest('li')`), so it also works for items added later and saves many listeners. `stopPropagation()` stops the event travelling further, while `preventDefault()` cancels the browser's default action, like following a link.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'fundamental',
$md$Compare `localStorage`, `sessionStorage` and cookies. What would you keep in each, and what should never go in `localStorage`?$md$,
$j${"points": [
	{"text": "localStorage persists per origin, about 5 MB, synchronous, never sent to the server", "weight": 2, "phrases": ["persist", "origin", "synchronous", "5 mb", "never sent"]},
	{"text": "sessionStorage is per tab and cleared when the tab closes", "weight": 2, "phrases": ["tab", "cleared", "closed"]},
	{"text": "Cookies are small, sent with every request, and protected by HttpOnly, Secure and SameSite", "weight": 3, "phrases": ["every request", "httponly", "secure", "samesite", "4 kb"]},
	{"text": "Never store tokens or secrets in localStorage: any script, so any XSS, can read them", "weight": 3, "phrases": ["token", "xss", "any script", "secret", "session id"]}]}$j$,
ARRAY['What does SameSite=Lax protect against, and what does it not?'],
$md$`localStorage` persists per origin until cleared, holds roughly 5 MB of strings through a synchronous API, and is never sent to the server: good for preferences like a theme. `sessionStorage` has the same API but is scoped to one tab and cleared when the tab is closed: good for a half-filled form. Cookies are small (about 4 KB) and sent with every request to their domain, which is what sessions need; the `HttpOnly`, `Secure` and `SameSite` attributes keep them away from scripts, off plain HTTP and out of most cross-site requests. Secrets such as auth tokens or a session id should never go in `localStorage`, because any script on the page can read it, so a single XSS bug leaks them; an HttpOnly cookie is safer.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'intermediate',
$md$What are layout (reflow) and repaint? Show code that causes **layout thrashing**, and how you would fix it.$md$,
$j${"points": [
	{"text": "Layout computes geometry, paint draws pixels, compositing combines layers", "weight": 2, "phrases": ["layout", "geometry", "repaint", "paint", "compositing"]},
	{"text": "Thrashing: reads such as offsetWidth interleaved with style writes force synchronous layout in a loop", "weight": 3, "phrases": ["forced", "synchronous layout", "offsetwidth", "interleave", "read"]},
	{"text": "Fix: batch reads then writes, use requestAnimationFrame, animate transform and opacity", "weight": 3, "phrases": ["batch", "requestanimationframe", "transform", "opacity", "all the reads"]}]}$j$,
ARRAY['Which CSS properties can you animate without triggering layout?'],
$md$Layout (reflow) is the browser computing the geometry of elements, repaint is drawing their pixels, and compositing puts the layers together; changing a width triggers all three, while changing `transform` or `opacity` usually needs only compositing. Layout thrashing comes from a loop that interleaves reads and writes, such as `for (const el of items) el.style.width = container.offsetWidth / 2 + 'px'`: each write invalidates layout and the next read of `offsetWidth` forces a synchronous layout again. The fix is to batch: do all the reads first (read the width once), then all the writes, or schedule writes in `requestAnimationFrame`, and animate with `transform` and `opacity` instead of layout properties.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'intermediate',
$md$A script on `https://app.example.com` calls `https://api.example.com`. How does the browser decide whether the script may read the response? Explain the same-origin policy and CORS.$md$,
$j${"points": [
	{"text": "An origin is scheme, host and port; these are different origins", "weight": 3, "phrases": ["scheme", "host", "port", "different origin"]},
	{"text": "The same-origin policy lets a page send but not read cross-origin responses by default", "weight": 2, "phrases": ["same origin policy", "cannot read", "read the response"]},
	{"text": "CORS: the server allows it with Access-Control-Allow-Origin; preflight for non-simple requests; credentials need an explicit origin", "weight": 3, "phrases": ["allow origin", "preflight", "options", "credentials"]},
	{"text": "The browser enforces it; CORS does not protect the server", "weight": 1, "phrases": ["browser enforce", "curl", "not protect"]}]}$j$,
ARRAY['Why is `Access-Control-Allow-Origin: *` with credentials refused?'],
$md$An origin is the scheme, host and port together, so `app.example.com` and `api.example.com` are different origins. Under the same-origin policy a page's script may send many cross-origin requests but cannot read the responses unless the other origin allows it. CORS is how the server allows it: it answers with `Access-Control-Allow-Origin: https://app.example.com`, and for requests that are not simple (a JSON content type, custom headers, PUT or DELETE) the browser first sends an `OPTIONS` preflight to ask. Sending cookies needs `credentials: 'include'` on the client and `Access-Control-Allow-Credentials: true` with an explicit origin, never `*`. The browser is what enforces all this; CORS does not protect the server from curl or other servers.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'advanced',
$md$What does a **service worker** let you do, what is its lifecycle, and what can go wrong with its caching?$md$,
$j${"points": [
	{"text": "A proxy between page and network: intercepts fetches, offline caching, push", "weight": 3, "phrases": ["intercept", "fetch event", "offline", "cache api", "proxy"]},
	{"text": "Lifecycle: register, install, waiting, activate, control; skipWaiting and clients.claim", "weight": 3, "phrases": ["install", "activate", "waiting", "skipwaiting", "clients claim"]},
	{"text": "Caching strategies per resource", "weight": 2, "phrases": ["cache first", "network first", "stale while revalidate"]},
	{"text": "Pitfalls: users stuck on stale versions; versioned caches, update prompts; HTTPS only", "weight": 2, "phrases": ["stale", "old version", "version", "https"]}]}$j$,
ARRAY['How would you get users off a broken service worker you already shipped?'],
$md$A service worker is a script that runs apart from the page and sits between it and the network like a proxy: it can intercept every fetch event in its scope, answer from the Cache API for offline support, and receive push messages. Its lifecycle: the page registers it; it installs, usually precaching the app shell; a new version then waits until no tab uses the old one (unless it calls `skipWaiting()`); on activate it cleans up old caches and, with `clients.claim()`, takes control of open pages. Strategies differ per resource: cache first for versioned assets, network first for HTML and API data, stale-while-revalidate for things that may be slightly old. The classic failure is users stuck on an old version because the worker keeps serving stale files, so I version caches, offer a "new version available" prompt, and remember service workers only run on HTTPS pages (or localhost during development).$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'advanced',
$md$A page stutters when the user scrolls. How would you find out why, and what are the common causes and fixes?$md$,
$j${"points": [
	{"text": "Records a Performance trace and looks at long tasks and dropped frames", "weight": 3, "phrases": ["performance panel", "long task", "frame", "record", "trace"]},
	{"text": "Causes: heavy or non-passive scroll handlers, layout thrashing, expensive paint", "weight": 3, "phrases": ["scroll handler", "non passive", "thrashing", "expensive paint", "main thread"]},
	{"text": "Fixes: passive listeners, requestAnimationFrame, IntersectionObserver, layers, content-visibility", "weight": 3, "phrases": ["passive true", "requestanimationframe", "intersectionobserver", "will change", "content visibility"]}]}$j$,
ARRAY['How would you check the fix on a low-end phone?'],
$md$I would record a scroll in the DevTools Performance panel and look for long tasks on the main thread and dropped frames, then at what fills them: scripting, layout or paint. Common causes are heavy scroll handlers doing work on every event, non-passive touch or wheel listeners that make the browser wait before scrolling, layout thrashing inside those handlers, and expensive paint such as large blurred shadows. Fixes: mark listeners `{ passive: true }`, throttle work to one update per frame with `requestAnimationFrame`, replace "is it visible yet" scroll checks with an `IntersectionObserver`, move animated elements to their own layer with `transform` or `will-change`, and skip rendering off-screen sections with `content-visibility: auto`.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'expert',
$md$Walk through what happens between typing a URL and pressing Enter and the page becoming interactive, focusing on the browser's work: parsing, the critical rendering path, and where JavaScript blocks it.$md$,
$j${"points": [
	{"text": "Network: DNS, TCP and TLS or QUIC, the HTTP request", "weight": 2, "phrases": ["dns", "tcp", "tls", "quic", "http"]},
	{"text": "DOM and CSSOM build the render tree; then layout, paint and composite", "weight": 3, "phrases": ["cssom", "render tree", "layout", "paint", "composite"]},
	{"text": "CSS is render-blocking, classic scripts are parser-blocking; defer, async, modules; the preload scanner", "weight": 3, "phrases": ["render blocking", "parser blocking", "defer", "async", "preload scanner"]},
	{"text": "Interactivity waits for the main thread: long tasks and framework start-up", "weight": 2, "phrases": ["interactive", "long task", "main thread", "event handler"]}]}$j$,
ARRAY['How would `<link rel=preload>` or HTTP 103 Early Hints change this picture?'],
$md$The browser resolves the host with DNS, opens a TCP connection with a TLS handshake (or QUIC for HTTP/3), sends the HTTP request and starts receiving HTML. It parses HTML into the DOM incrementally while a preload scanner looks ahead for stylesheets, scripts and images to fetch early. CSS is render-blocking: the browser builds the CSSOM before rendering, then combines DOM and CSSOM into a render tree, runs layout, paints and composites layers. A classic script without `defer` or `async` is parser-blocking, because it may write to the document, so parsing stops until it has been fetched and run; `defer` and module scripts run after parsing, `async` ones as soon as they arrive. The page becomes interactive once the main thread is free of long tasks, often only after the framework has run and attached its event handlers, so large bundles delay it even after the content is visible.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'browser', 'technical', 'expert',
$md$How would you protect a web app against cross-site scripting in the browser layer, given third-party scripts and user-generated HTML? Cover encoding, CSP, Trusted Types and sanitisation.$md$,
$j${"points": [
	{"text": "Contextual output encoding, with dangerous sinks such as innerHTML avoided", "weight": 3, "phrases": ["escape", "encode", "context", "innerhtml", "dangerouslysetinnerhtml"]},
	{"text": "A strict Content Security Policy with nonces or hashes, no unsafe-inline, rolled out with reporting", "weight": 3, "phrases": ["content security policy", "nonce", "hash", "unsafe inline", "report only"]},
	{"text": "Trusted Types make DOM sinks refuse plain strings", "weight": 2, "phrases": ["trusted types", "sink", "policy"]},
	{"text": "Sanitises user HTML (DOMPurify or a sandboxed iframe) and constrains third-party scripts", "weight": 2, "phrases": ["dompurify", "sanitize", "sanitise", "sandbox", "subresource integrity"]}]}$j$,
ARRAY['How would you roll out a strict CSP on a large existing app without breaking it?'],
$md$The first layer is encoding output for its context: templates and frameworks like React escape text by default, so the risk concentrates in sinks such as `innerHTML`, `dangerouslySetInnerHTML`, `eval` and `javascript:` URLs, which I ban by lint rule except in reviewed wrappers. The second is a strict Content Security Policy: `script-src` with a per-response nonce or hashes plus `'strict-dynamic'`, no `'unsafe-inline'`, `object-src 'none'` and `base-uri 'none'`, rolled out first as report-only with a reporting endpoint. Trusted Types (`require-trusted-types-for 'script'`) then make the DOM sinks refuse plain strings, so only values from a reviewed policy can reach them. User-generated HTML goes through DOMPurify with an allow-list, or into a sandboxed iframe on a separate origin, and third-party scripts get subresource integrity where they are versioned, or run isolated in iframes, because any script on the page runs with full privileges.$md$);

-- JavaScript developer: behavioural (STAR) ----------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'collaboration', 'behavioral', 'warmup',
$md$Tell me about a time you helped a teammate get unstuck on a problem.$md$,
$j${"points": [
	{"text": "Situation: who was stuck, on what", "weight": 1, "phrases": ["situation", "teammate", "stuck", "colleague"]},
	{"text": "Task: what their own part was", "weight": 1, "phrases": ["my role", "task", "i wanted", "responsible"]},
	{"text": "Action: how they helped, step by step", "weight": 3, "phrases": ["i decided", "pair", "i asked", "we added", "i showed"]},
	{"text": "Result: the outcome for the teammate and the team", "weight": 2, "phrases": ["as a result", "themselves", "wiki", "later"]},
	{"text": "Helped the person learn rather than taking over", "weight": 3, "phrases": ["without taking over", "question", "learn", "themselves", "approach"]}]}$j$,
ARRAY['How do you decide when to step in and when to let someone struggle a little longer?'],
$md$The situation: a new teammate had spent two days stuck on a bug where a form submitted twice. My role was not to fix it for them but to help them learn our codebase, so my task was to get them unstuck without taking over. I decided to pair with them for an hour: I asked questions about what they had tried, and we added breakpoints until we saw two event listeners attached, one per render. As a result they fixed it themselves that afternoon, wrote a short note for the team wiki, and later told me the debugging approach helped them more than the fix.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'javascript', 'ownership', 'behavioral', 'expert',
$md$Tell me about a significant technical change you pushed for (a migration, a new tool, a rewrite) and carried through. How did you get others on board?$md$,
$j${"points": [
	{"text": "Situation: the problem that made the change worth it", "weight": 1, "phrases": ["situation", "codebase", "problem", "production"]},
	{"text": "Task: their role and the goal", "weight": 1, "phrases": ["my role", "task", "goal", "i took on"]},
	{"text": "Action: the proposal, the plan and how they brought people along", "weight": 3, "phrases": ["i decided", "rfc", "proposal", "proposed", "workshop"]},
	{"text": "Result: measured outcome and what stayed", "weight": 2, "phrases": ["as a result", "dropped", "month", "became"]},
	{"text": "Managed risk with an incremental plan and built buy-in with evidence", "weight": 3, "phrases": ["incremental", "buy in", "evidence", "risk", "without freezing"]}]}$j$,
ARRAY['What pushback did you get, and how did you respond to it?'],
$md$The situation: our front end was a large codebase in plain JavaScript, and type errors kept reaching production. My role was senior developer on the team, and I took on the task of moving us to TypeScript without freezing feature work. I decided to write a short RFC with real bugs TypeScript would have caught as evidence, proposed an incremental migration (allowJs, stricter checks folder by folder, new files in TypeScript first), and ran a workshop to get buy-in from the other teams. As a result we converted most of the code within six months, type-related production bugs dropped sharply, and the RFC format became how we propose big changes.$md$);

-- Full-stack developer: API design -----------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'warmup',
$md$Tell us about an API you designed or worked on recently. Who used it, and what are you happiest with?$md$,
$j${"points": [
	{"text": "Describes the API", "weight": 2, "phrases": ["rest", "graphql", "endpoint", "grpc", "api"]},
	{"text": "Names its consumers", "weight": 2, "phrases": ["frontend", "front end", "mobile", "partner", "client", "internal"]},
	{"text": "Names a design quality they are proud of", "weight": 1, "phrases": ["consistent", "openapi", "documentation", "versioning", "error format"]}]}$j$,
ARRAY['What would you design differently if you started again?'],
$md$Recently I built a REST API for our booking system, used by our React front end, a mobile app and two partners. I am happiest with how consistent it is: every endpoint follows the same naming, pagination and error format, and the OpenAPI documentation is generated from the code, so the partners integrated without needing our help.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'warmup',
$md$For a typical web application's API, do you prefer REST or GraphQL, and why?$md$,
$j${"points": [
	{"text": "States a preference and when it changes", "weight": 2, "phrases": ["prefer", "depends", "rest", "graphql"]},
	{"text": "REST strengths: simplicity, HTTP caching, status codes, tooling", "weight": 2, "phrases": ["http caching", "simple", "status code", "tooling", "cache"]},
	{"text": "GraphQL strengths and costs: client-chosen fields, one round trip, schema; complexity", "weight": 2, "phrases": ["over fetching", "fields", "round trip", "schema", "complexity"]}]}$j$,
ARRAY['How would you cache GraphQL responses?'],
$md$It depends, but for a typical app I prefer REST: it is simple, works with HTTP caching and status codes out of the box, and every tool understands it. GraphQL earns its complexity when many clients need different shapes of data: the client picks exactly the fields it needs in one round trip, which avoids over-fetching, and the typed schema documents itself.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'fundamental',
$md$What makes an HTTP API RESTful? Explain resources, HTTP methods and status codes with an example.$md$,
$j${"points": [
	{"text": "Resources identified by URLs named with nouns, exchanged as representations", "weight": 2, "phrases": ["resource", "noun", "url", "representation"]},
	{"text": "Methods carry meaning: GET reads, POST creates, PUT replaces, PATCH updates, DELETE removes", "weight": 3, "phrases": ["post", "put", "patch", "delete", "idempotent"]},
	{"text": "Status codes report the outcome: 201, 204, 400, 404, 409", "weight": 2, "phrases": ["201", "404", "409", "status code", "400"]},
	{"text": "Requests are stateless", "weight": 1, "phrases": ["stateless", "server needs"]}]}$j$,
ARRAY['Where would you put an action that does not fit CRUD, like "cancel order"?'],
$md$REST models the API as resources identified by URLs, named with nouns like `/orders/42`, and exchanged as representations such as JSON. HTTP methods carry the meaning: GET reads and is safe, POST creates (`POST /orders`), PUT replaces and DELETE removes, both idempotent, and PATCH updates part of a resource. Status codes report the outcome: 200 OK, 201 Created with a Location header, 204 No Content, 400 for bad input, 401 and 403 for authentication and permission, 404 Not Found, 409 Conflict. Each request is stateless: it carries everything the server needs.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'fundamental',
$md$What does **idempotent** mean for an HTTP method, which methods are idempotent, and why does it matter?$md$,
$j${"points": [
	{"text": "Repeating the request has the same effect on server state as doing it once", "weight": 3, "phrases": ["same effect", "several times", "multiple times", "once"]},
	{"text": "GET, HEAD, OPTIONS, PUT and DELETE are idempotent; POST is not and PATCH is not guaranteed", "weight": 3, "phrases": ["put", "delete", "post is not", "patch", "not idempotent"]},
	{"text": "It allows safe retries after timeouts and network failures", "weight": 2, "phrases": ["retry", "network", "timeout", "timed out"]},
	{"text": "Idempotency keys make POST safe to retry", "weight": 1, "phrases": ["idempotency key", "recognise a retry"]}]}$j$,
ARRAY['Is a DELETE that returns 404 the second time still idempotent?'],
$md$A method is idempotent if making the same request several times has the same effect on the server's state as making it once; the responses may differ (a second DELETE can return 404), but the state does not. GET, HEAD, OPTIONS, PUT and DELETE are idempotent by definition; POST is not, and PATCH is not guaranteed to be. It matters because networks fail: a client that timed out can safely retry an idempotent request, and for POSTs such as payments we add an idempotency key so the server can recognise a retry.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'intermediate',
$md$How would you design pagination for an endpoint that lists millions of orders? Compare offset and cursor pagination.$md$,
$j${"points": [
	{"text": "Offset pagination is simple but slow for deep pages and shifts when rows are inserted", "weight": 3, "phrases": ["offset", "skipped row", "deep page", "slow", "duplicate"]},
	{"text": "Cursor (keyset) pagination continues from the last seen key, uses an index and stays stable", "weight": 3, "phrases": ["cursor", "keyset", "last seen", "index", "stable"]},
	{"text": "API details: opaque cursor, next link, capped page size, no expensive total counts", "weight": 2, "phrases": ["opaque", "next link", "page size", "total count"]}]}$j$,
ARRAY['How would a user jump to page 500 with cursor pagination?'],
$md$Offset pagination (`?offset=200000&limit=50`) is simple and lets users jump to page N, but the database still reads and discards every skipped row, so deep pages get slow, and rows inserted meanwhile shift the pages so users see duplicates or miss items. Cursor (keyset) pagination remembers the last seen sort key, for example `WHERE (created_at, id) < ($1, $2) ORDER BY created_at DESC, id DESC LIMIT 50`, which an index answers directly and which stays stable under inserts. I would return the cursor as an opaque token with a next link, cap the page size, and avoid exact total counts on huge tables because they are expensive.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'intermediate',
$md$How should an API report errors? Design the error response for a failed validation on a signup endpoint.$md$,
$j${"points": [
	{"text": "The right status code: 422 or 400 for validation, 409 for a conflict, 5xx only for server faults", "weight": 3, "phrases": ["422", "400", "409", "status code", "500"]},
	{"text": "A consistent machine-readable body, such as RFC 9457 problem details with per-field errors and stable codes", "weight": 3, "phrases": ["problem details", "rfc 9457", "rfc 7807", "field", "machine readable"]},
	{"text": "No leaked internals; a request id for support", "weight": 2, "phrases": ["stack trace", "request id", "internal", "leak"]}]}$j$,
ARRAY['Should a signup form say that an email is already registered?'],
$md$Errors should use the right status code, such as 422 (or 400) for validation, 409 Conflict when a unique value is taken, 401 and 403 for auth, and 500 only for our own failures, always with the same machine-readable body. I would follow RFC 9457 problem details (the successor of RFC 7807): `type`, `title`, `status` and `detail`, plus an `errors` array with one entry per field, each with a stable code like `password_too_short` and a human message, so clients can show it next to the right input. The body never leaks stack traces or internal details, and it includes a request id that support can look up in the logs.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'advanced',
$md$How would you version a public API and evolve it without breaking existing clients?$md$,
$j${"points": [
	{"text": "Prefers additive, backward-compatible changes and tolerant clients", "weight": 3, "phrases": ["backward compatible", "additive", "optional field", "tolerate", "never rename"]},
	{"text": "Versions breaking changes explicitly: URL, header or date-based versions", "weight": 2, "phrases": ["v2", "header", "date based", "pin", "url"]},
	{"text": "Deprecates openly: Deprecation and Sunset headers, changelog, migration guide, usage monitoring", "weight": 3, "phrases": ["deprecation", "sunset", "changelog", "migration guide", "monitor"]},
	{"text": "Catches accidental breaks in CI", "weight": 1, "phrases": ["openapi diff", "contract test", "ci"]}]}$j$,
ARRAY['Is adding a new value to an enum a breaking change?'],
$md$Most changes should be additive and backward compatible: new optional fields, new endpoints, new enum values that clients are told to tolerate, and never renamed or removed fields, so one version lives a long time. For real breaking changes I would version explicitly, in the URL (`/v2/`) for simplicity, or with a date-based version header like Stripe's, which pins each client to the API as it was when they integrated. Old versions go through a published deprecation process: `Deprecation` and `Sunset` headers, a changelog and migration guide, and monitoring of who still calls the old version so we can contact them before switching it off. An OpenAPI diff in CI catches accidental breaking changes.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'advanced',
$md$Design rate limiting for a public API. Which algorithm would you use, where would you enforce it, and what should clients see?$md$,
$j${"points": [
	{"text": "An algorithm that handles bursts: token bucket or sliding window rather than a fixed window", "weight": 3, "phrases": ["token bucket", "sliding window", "fixed window", "leaky bucket", "burst"]},
	{"text": "Enforced at the gateway, keyed per API key or user, with shared atomic counters", "weight": 3, "phrases": ["gateway", "per api key", "per user", "redis", "atomic"]},
	{"text": "Clients get 429 with Retry-After and remaining-quota headers", "weight": 2, "phrases": ["429", "retry after", "remaining", "too many requests"]},
	{"text": "Decides whether to fail open or closed", "weight": 1, "phrases": ["fail open", "fail closed"]}]}$j$,
ARRAY['How would you rate-limit fairly when one customer has many API keys?'],
$md$I would use a token bucket per API key: it allows short bursts up to the bucket size while enforcing the average rate, and avoids the double burst at window edges that a fixed window allows (a sliding window counter is a good alternative). It is enforced at the gateway or in middleware, keyed per API key or per user, with a per-IP limit for unauthenticated calls and higher tiers for paying customers; with several servers the counters live in Redis and are updated atomically with a Lua script. Clients over the limit get `429 Too Many Requests` with a `Retry-After` header, and every response carries remaining-quota headers (the common `X-RateLimit-Remaining`, or the `RateLimit` fields of the IETF draft). I would decide explicitly whether to fail open or fail closed when Redis is unavailable.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'expert',
$md$Design the API layer between web and mobile clients and a set of back-end services for an e-commerce site. Would you use an API gateway, a backend for frontend (BFF), GraphQL federation? Which trade-offs matter?$md$,
$j${"points": [
	{"text": "A gateway at the edge for cross-cutting concerns: TLS, authentication, rate limits, routing", "weight": 2, "phrases": ["api gateway", "cross cutting", "authentication", "routing"]},
	{"text": "A BFF per client type aggregates and tailors responses, owned by the client team", "weight": 3, "phrases": ["backend for frontend", "bff", "aggregate", "tailor", "per client"]},
	{"text": "GraphQL federation composes subgraphs into one schema, needing governance and query-cost limits", "weight": 3, "phrases": ["federation", "subgraph", "supergraph", "query cost", "n 1"]},
	{"text": "Weighs latency, ownership, duplication and caching", "weight": 2, "phrases": ["latency", "ownership", "duplicated", "caching", "hop"]}]}$j$,
ARRAY['Who should own a BFF, and what happens when two BFFs need the same logic?'],
$md$I would put an API gateway at the edge for the cross-cutting concerns: TLS, authentication, rate limiting and routing to services. Behind it, the clients' needs differ (mobile wants fewer round trips and smaller payloads), so I would consider a backend for frontend (BFF) per client type that aggregates calls to the services and tailors responses, owned by the team that builds that client. If many teams and clients share a large domain, GraphQL federation is the alternative: each service exposes a subgraph and a router composes the supergraph, so clients query one schema, at the price of schema governance, query cost limits and care with N+1 resolver calls. The trade-offs I would weigh are latency from extra hops, clear ownership against logic duplicated across BFFs, and caching, which is easy for REST GETs at the edge and harder for GraphQL POSTs.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'api_design', 'technical', 'expert',
$md$A client calls `POST /payments` and the connection drops before it sees the response. Design the API and the server so the client can retry safely, even across server restarts and concurrent retries.$md$,
$j${"points": [
	{"text": "The client sends an idempotency key, one per logical operation", "weight": 3, "phrases": ["idempotency key", "uuid", "header", "logical"]},
	{"text": "The server stores the key with a request fingerprint and the response under a unique constraint, replaying the stored response", "weight": 3, "phrases": ["unique constraint", "fingerprint", "same response", "stores the response", "replay"]},
	{"text": "Concurrent retries: the key is marked in progress in the same transaction; a parallel retry gets 409; keys expire", "weight": 2, "phrases": ["in progress", "transaction", "409", "concurrent", "expire"]},
	{"text": "Downstream calls reuse the key and events go through an outbox", "weight": 2, "phrases": ["downstream", "outbox", "exactly once", "processor"]}]}$j$,
ARRAY['What should happen if the same key arrives with a different amount?'],
$md$The client generates an idempotency key, a UUID, once per logical payment and sends it in an `Idempotency-Key` header on every retry. The server inserts the key with a fingerprint (a hash of the request body) into a table with a unique constraint, in the same transaction that records the payment, and then stores the response against it; a replay with the same key returns the same response, and the same key with a different body is rejected with 422. For concurrent retries the first request's insert wins and marks the key in progress, and a second one arriving meanwhile gets 409 and retries later instead of charging twice; keys expire after, say, 24 hours. The call to the card processor passes our key downstream as its own idempotency key, and events for other services go through an outbox, so the whole flow behaves as exactly once although the network only delivers at least once.$md$);

-- Full-stack developer: databases ------------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'warmup',
$md$Which databases have you worked with, and which do you reach for first in a new project?$md$,
$j${"points": [
	{"text": "Names databases they have used", "weight": 2, "phrases": ["postgresql", "postgres", "mysql", "mongodb", "redis", "sqlite"]},
	{"text": "Gives a default choice with a reason", "weight": 2, "phrases": ["relational", "transaction", "constraint", "json", "default"]},
	{"text": "Knows when to add something else", "weight": 1, "phrases": ["cache", "search", "elasticsearch", "analytics", "specific need"]}]}$j$,
ARRAY['When would you choose a document database over PostgreSQL?'],
$md$I have worked mostly with PostgreSQL and MySQL, plus Redis for caching and a little MongoDB. For a new project I reach for PostgreSQL by default: it is relational with solid transactions and constraints, and its JSON columns cover the cases where I would otherwise want a document store. I add something else only for a specific need, like Redis as a cache or Elasticsearch for full-text search at scale.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'warmup',
$md$Tell us about a slow query you investigated. What did you find?$md$,
$j${"points": [
	{"text": "Describes the slow query and its effect", "weight": 2, "phrases": ["slow", "second", "page", "report", "timeout"]},
	{"text": "Uses tools to find the cause", "weight": 2, "phrases": ["explain", "explain analyze", "slow query log", "pg stat statements"]},
	{"text": "Explains the fix", "weight": 2, "phrases": ["index", "n 1", "join", "rewrite"]}]}$j$,
ARRAY['How did you make sure it did not come back?'],
$md$An admin page took eight seconds to load. The slow query log pointed at a query filtering orders by customer and status, and `EXPLAIN ANALYZE` showed a sequential scan over millions of rows. I added a composite index on `(customer_id, status)` and the query dropped to a few milliseconds; I also found the page ran it once per row, an N+1, and replaced that with a single join.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'fundamental',
$md$What is a database **index**, how does it speed up queries, and what does it cost?$md$,
$j${"points": [
	{"text": "A sorted structure, usually a B-tree, found in O(log n) instead of a full scan", "weight": 3, "phrases": ["b tree", "sorted", "log n", "full scan", "sequential scan"]},
	{"text": "Helps WHERE, JOIN and ORDER BY; column order matters in a composite index", "weight": 2, "phrases": ["where", "join", "order by", "composite", "leftmost"]},
	{"text": "Costs: slower writes, storage, little use for low-selectivity columns", "weight": 3, "phrases": ["write", "insert", "disk", "storage", "selectivity"]}]}$j$,
ARRAY['Why might the database ignore an index you created?'],
$md$An index is a separate structure, usually a B-tree, that keeps a column's values sorted with pointers to the rows, so the database can find matching rows in O(log n) steps instead of a full sequential scan of the table. It helps WHERE filters, JOINs and ORDER BY; in a composite index the column order matters, since it serves queries on its leftmost columns. The costs: every insert, update and delete must maintain each index, so writes slow down, indexes take disk and memory, and for low-selectivity columns such as a boolean the planner may ignore the index anyway.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'fundamental',
$md$What do **ACID** transactions guarantee? Give an example where you need one.$md$,
$j${"points": [
	{"text": "Atomicity: all or nothing", "weight": 2, "phrases": ["atomicity", "all or nothing", "none do", "rollback"]},
	{"text": "Consistency and isolation: constraints hold, concurrent transactions do not see partial work", "weight": 2, "phrases": ["consistency", "constraint", "isolation", "concurrent"]},
	{"text": "Durability: committed data survives a crash", "weight": 2, "phrases": ["durability", "crash", "committed", "write ahead log"]},
	{"text": "A fitting example such as a transfer", "weight": 2, "phrases": ["transfer", "debit", "credit", "stock"]}]}$j$,
ARRAY['What isolation level does your usual database use by default?'],
$md$ACID means atomicity: all statements in the transaction take effect or none do, with a rollback on failure; consistency: the database moves from one valid state to another, with constraints holding; isolation: concurrent transactions do not see each other's partial work, to the degree the isolation level sets; and durability: once committed, data survives a crash, thanks to the write-ahead log. The classic example is a money transfer: the debit from one account and the credit to the other must happen together, or a crash between them would lose money.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'intermediate',
$md$What is the **N+1 query** problem? How do you spot it and fix it, for example with an ORM?$md$,
$j${"points": [
	{"text": "One query for a list, then one more per row, often through lazy loading", "weight": 3, "phrases": ["n 1", "per row", "lazy load", "one more query"]},
	{"text": "Spotted in query logs, traces or tests that count queries", "weight": 2, "phrases": ["query log", "apm", "trace", "number of queries", "count"]},
	{"text": "Fixed with eager loading: a join or one batched IN query; DataLoader for GraphQL", "weight": 3, "phrases": ["eager", "join", "where id in", "select related", "prefetch related", "dataloader"]}]}$j$,
ARRAY['When can eager loading make things slower?'],
$md$N+1 happens when code loads a list with one query and then, usually through an ORM's lazy loading, runs one more query per row to fetch a relation: 100 orders, then 100 separate queries for each order's customer. I spot it in the query log or an APM trace showing the same query repeated, or with a test that asserts the number of queries. The fix is eager loading: a JOIN, or one batched `WHERE id IN (...)` query, like `select_related` and `prefetch_related` in Django or `includes` in Rails, and a DataLoader for GraphQL resolvers.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'intermediate',
$md$How would you change a column's type, or rename a column, on a large and busy production table without downtime?$md$,
$j${"points": [
	{"text": "Expand and contract: add a new column, write both, backfill, switch reads, drop the old one later", "weight": 3, "phrases": ["expand", "contract", "new column", "backfill", "both columns"]},
	{"text": "Avoids long locks: batches, NOT VALID constraints, concurrent index builds, lock_timeout", "weight": 3, "phrases": ["lock", "batch", "concurrently", "not valid", "lock timeout"]},
	{"text": "Each deploy stays compatible with the old and new schema and can be rolled back", "weight": 2, "phrases": ["compatible", "deploy", "rolled back", "roll back"]}]}$j$,
ARRAY['Why is a plain column rename still risky even though it is instant?'],
$md$I would use expand and contract rather than one `ALTER`, because changing a type usually rewrites the whole table under an exclusive lock. Expand: add the new column (nullable, so it is instant), deploy code that writes to both columns, and backfill old rows in small batches; add constraints as `NOT VALID` and validate them separately, build indexes `CONCURRENTLY`, and set a short `lock_timeout` so a migration never queues behind a long transaction. Then switch reads to the new column, and contract: stop writing the old one and drop it in a later deploy. Every step keeps the app compatible with both the previous and the next schema, so each deploy can be rolled back.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'advanced',
$md$Explain transaction isolation levels and the anomalies they prevent. What would you do in a booking system that must never double-book a seat?$md$,
$j${"points": [
	{"text": "Names the anomalies: dirty read, non-repeatable read, phantom, lost update, write skew", "weight": 3, "phrases": ["dirty read", "non repeatable read", "phantom", "lost update", "write skew"]},
	{"text": "Levels: read committed, repeatable read (snapshot), serializable with retries", "weight": 3, "phrases": ["read committed", "repeatable read", "serializable", "snapshot"]},
	{"text": "For seats: a unique constraint, a row lock, or serializable with a retry loop", "weight": 3, "phrases": ["unique constraint", "select for update", "row lock", "retry"]}]}$j$,
ARRAY['What must the application do when a serializable transaction fails?'],
$md$The anomalies are dirty reads (seeing uncommitted data), non-repeatable reads (a row changes between two reads), phantoms (new rows appear in a repeated query), lost updates, and write skew (two transactions each check a condition, then both write and break it together). Read committed, PostgreSQL's default, prevents only dirty reads; repeatable read gives a snapshot (in PostgreSQL it also prevents phantoms, but not write skew); serializable prevents all of them, at the cost of transactions failing with serialization errors that the app must retry. For seats the simplest guarantee is a unique constraint on `(show_id, seat_id)` in the bookings table, so the second insert fails; otherwise lock the seat row with `SELECT ... FOR UPDATE`, or run the check and insert at serializable with a retry loop.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'advanced',
$md$Your PostgreSQL primary runs at 90% CPU at peak. How would you investigate, and which options would you consider, from quick wins to architectural changes?$md$,
$j${"points": [
	{"text": "Investigates with pg_stat_statements by total time and EXPLAIN ANALYZE", "weight": 3, "phrases": ["pg stat statements", "explain analyze", "total time", "top queries"]},
	{"text": "Quick wins: indexes, N+1 fixes, rewritten queries, a connection pooler", "weight": 3, "phrases": ["index", "pgbouncer", "connection pool", "n 1", "rewritten"]},
	{"text": "Bigger steps: caching, read replicas, partitioning, vertical scaling, sharding last", "weight": 3, "phrases": ["cache", "read replica", "partition", "vertical", "shard"]}]}$j$,
ARRAY['What would make you choose read replicas over a cache?'],
$md$I would start with `pg_stat_statements` to rank queries by total time (calls times mean time), since the hot spot is often a cheap query run millions of times rather than one slow query, then `EXPLAIN ANALYZE` the top ones and check lock waits and the number of connections. Quick wins are usually a missing index, an N+1 pattern in the app, a rewritten query, and a connection pooler such as PgBouncer so hundreds of connections stop costing memory and context switches. Next: cache hot reads in Redis or HTTP caches, move read-heavy traffic such as reports to read replicas, partition huge tables, or scale the machine vertically. Sharding comes last, because it changes the application and operations the most.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'expert',
$md$Design the data storage for a multi-tenant SaaS application with thousands of tenants of very different sizes. How do you isolate tenants, and what are the trade-offs?$md$,
$j${"points": [
	{"text": "Compares shared tables with a tenant id, a schema per tenant and a database per tenant", "weight": 3, "phrases": ["tenant id", "shared table", "schema per tenant", "database per tenant"]},
	{"text": "Enforces isolation: tenant id in every key and index, row level security", "weight": 3, "phrases": ["row level security", "every index", "composite key", "forget the filter"]},
	{"text": "Handles noisy neighbours with a hybrid: large tenants on dedicated databases or shards", "weight": 2, "phrases": ["noisy neighbour", "noisy neighbor", "hybrid", "dedicated", "shard"]},
	{"text": "Operations: migrations, per-tenant restore, data residency", "weight": 2, "phrases": ["migration", "restore", "data residency", "monitoring"]}]}$j$,
ARRAY['How would you move one big tenant to its own database without downtime?'],
$md$There are three models: shared tables with a `tenant_id` column, a schema per tenant, or a database per tenant. With thousands of tenants I would default to shared tables: one schema to migrate and the best use of resources, with `tenant_id` leading every index and composite key, and PostgreSQL row level security as a second line of defence, so a query that forgets the filter still sees only one tenant's rows. The risk is noisy neighbours, so I would design for a hybrid: route each tenant through a lookup table and move the few very large or regulated tenants to a dedicated database or shard. A schema or database per tenant isolates better and makes per-tenant restore and data residency easy, but migrations, connections and monitoring multiply with the number of tenants.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'databases', 'technical', 'expert',
$md$How does PostgreSQL's **MVCC** work, and which operational problems does it create at scale: bloat, vacuum, transaction ID wraparound?$md$,
$j${"points": [
	{"text": "Updates write new row versions marked with xmin and xmax; snapshots decide visibility, so readers and writers do not block each other", "weight": 3, "phrases": ["row version", "xmin", "xmax", "snapshot", "do not block"]},
	{"text": "Dead tuples cause bloat until vacuum reclaims them; long transactions hold cleanup back", "weight": 3, "phrases": ["dead tuple", "bloat", "autovacuum", "vacuum", "long running transaction"]},
	{"text": "32-bit transaction ids wrap around; vacuum must freeze old rows or writes stop", "weight": 3, "phrases": ["wraparound", "32 bit", "freeze", "2 billion"]},
	{"text": "Tunes autovacuum per table and uses fillfactor for HOT updates", "weight": 1, "phrases": ["fillfactor", "hot update", "tune"]}]}$j$,
ARRAY['How would you find what is preventing vacuum from cleaning a table?'],
$md$PostgreSQL never updates a row in place: an UPDATE writes a new row version (tuple) and marks the old one with its transaction id in `xmax`, while each version's `xmin` records the transaction that created it. Every transaction reads through a snapshot that decides which versions it can see, so readers do not block writers and writers do not block readers. The cost is dead tuples: old versions stay until VACUUM, usually autovacuum, reclaims them, and a long-running transaction or a session idle in transaction holds back cleanup everywhere, so tables and indexes bloat. Transaction ids are 32-bit, so they wrap around after about 2 billion transactions; vacuum must freeze old rows before then, and if it falls too far behind PostgreSQL stops accepting writes to protect the data. At scale I tune autovacuum per busy table, watch the age of the oldest transaction, and set a fillfactor that leaves room for HOT updates, which avoid index churn.$md$);

-- Full-stack developer: web security ---------------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'warmup',
$md$Which security practices do you follow by default when you build a web feature?$md$,
$j${"points": [
	{"text": "Validates input on the server and escapes output", "weight": 2, "phrases": ["validate", "escape", "encode", "sanitize", "never trust"]},
	{"text": "Checks authorization on the server for each record", "weight": 2, "phrases": ["authorization", "server side", "permission", "this record", "access control"]},
	{"text": "Basics: parameterized queries, secrets out of code, HTTPS, updated dependencies", "weight": 2, "phrases": ["parameterized", "secret", "https", "dependencies", "dependency"]}]}$j$,
ARRAY['Which of these is most often forgotten in code reviews you have seen?'],
$md$I validate input on the server, never trusting the client, and rely on the framework's escaping when rendering output. Every endpoint checks authorization on the server side: not just whether a user is logged in, but whether this user may touch this record. I use parameterized queries, keep secrets out of the code in a secret manager, serve everything over HTTPS, and keep dependencies updated with automated alerts.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'warmup',
$md$Have you ever found or fixed a security bug? What was it, and what did you learn?$md$,
$j${"points": [
	{"text": "Describes the vulnerability", "weight": 2, "phrases": ["idor", "access control", "xss", "sql injection", "csrf", "leak"]},
	{"text": "Says how they handled it", "weight": 2, "phrases": ["reported", "fixed", "test", "patch"]},
	{"text": "Says what they learned or changed", "weight": 1, "phrases": ["learned", "checklist", "since then", "review"]}]}$j$,
ARRAY['How would you check the rest of the code base for the same mistake?'],
$md$Yes: during a review I noticed an endpoint returned any invoice by id without checking that it belonged to the caller's account, an IDOR (broken access control) bug. I reported it to the team lead, fixed it by scoping the query to the account, and added a test that requests another account's invoice and expects a 404. What I learned is to check authorization per object, and since then our review checklist asks about it for every new endpoint.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'fundamental',
$md$What is **SQL injection**, and how do you prevent it?$md$,
$j${"points": [
	{"text": "Untrusted input concatenated into SQL changes the query itself", "weight": 3, "phrases": ["concatenate", "concatenated", "user input", "untrusted", "changes the query"]},
	{"text": "Prevented with parameterized queries: values sent apart from the SQL", "weight": 3, "phrases": ["parameterized", "prepared statement", "placeholder", "bind"]},
	{"text": "Allow lists for identifiers and a least-privilege database user", "weight": 2, "phrases": ["allow list", "least privilege", "identifier", "sort column"]}]}$j$,
ARRAY['Can an ORM still be vulnerable to SQL injection?'],
$md$SQL injection happens when untrusted user input is concatenated into a SQL string, so input like `' OR '1'='1` changes the query itself and can read or destroy data. The fix is parameterized queries (prepared statements): the SQL has placeholders like `$1` and the values are sent separately, so they can never be parsed as SQL; ORMs do this for you unless you build raw strings. Identifiers such as a sort column cannot be parameters, so I check them against an allow list, and as defence in depth the app's database user has least privilege.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'fundamental',
$md$Explain **cross-site scripting (XSS)**: its kinds and the main defences.$md$,
$j${"points": [
	{"text": "An attacker's script runs in a victim's browser on your origin", "weight": 3, "phrases": ["script", "victim", "browser", "origin", "steal"]},
	{"text": "Stored, reflected and DOM-based XSS", "weight": 3, "phrases": ["stored", "reflected", "dom based"]},
	{"text": "Defences: contextual output encoding, sanitised HTML, CSP, HttpOnly cookies", "weight": 3, "phrases": ["escape", "encoding", "content security policy", "httponly", "sanitise", "sanitize"]}]}$j$,
ARRAY['Why does React not make XSS impossible?'],
$md$XSS is when an attacker gets their script to run in a victim's browser on your origin, where it can read the page, act as the user or steal session data. It is stored when the payload is saved (a comment) and served to others, reflected when it bounces off the request, like a search term echoed into the page, and DOM-based when client-side code writes untrusted data into the page with something like `innerHTML`. The main defence is contextual output encoding, which template engines and React do by escaping by default, plus sanitising any HTML users may submit, a Content Security Policy to stop injected scripts running, and HttpOnly cookies so a script cannot read the session cookie.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'intermediate',
$md$How does **CSRF** work, and what protects against it today?$md$,
$j${"points": [
	{"text": "The browser attaches cookies automatically, so another site can forge a state-changing request", "weight": 3, "phrases": ["automatically", "another site", "forged", "state changing", "cookie"]},
	{"text": "Defences: SameSite cookies, CSRF tokens, checking the Origin header", "weight": 3, "phrases": ["samesite", "csrf token", "synchronizer", "double submit", "origin header"]},
	{"text": "GET stays safe; custom headers or JSON force a preflight", "weight": 2, "phrases": ["safe method", "custom header", "preflight", "json"]}]}$j$,
ARRAY['Does a JSON API that uses bearer tokens in headers need CSRF protection?'],
$md$A browser attaches cookies automatically, so if you are logged in to a bank, a form on another site can submit a forged state-changing request to it and the bank sees a valid session. Defences: `SameSite` cookies (Lax, the default in Chrome, keeps cookies off cross-site POSTs; Strict keeps them off all cross-site requests); a CSRF token, either a synchronizer token stored in the session and embedded in each form or a double-submit cookie; and checking the `Origin` header on state-changing requests. GET requests must stay safe methods that change nothing, and an API that requires a custom header or a JSON content type forces a CORS preflight, which a foreign site cannot pass.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'intermediate',
$md$How would you store user passwords, and what else makes a login system secure?$md$,
$j${"points": [
	{"text": "A slow, salted password hash: Argon2id, bcrypt or scrypt, never a fast hash", "weight": 3, "phrases": ["argon2id", "argon2", "bcrypt", "scrypt", "salt"]},
	{"text": "Rate limiting against credential stuffing; breached-password checks", "weight": 2, "phrases": ["rate limit", "credential stuffing", "breached", "lockout"]},
	{"text": "MFA and safe sessions: regenerate the session id, HttpOnly Secure cookies", "weight": 3, "phrases": ["mfa", "two factor", "session fixation", "regenerate", "httponly"]},
	{"text": "Generic errors to avoid account enumeration", "weight": 1, "phrases": ["enumeration", "generic"]}]}$j$,
ARRAY['How would you move existing users from an old MD5 hash to Argon2id?'],
$md$Passwords are stored only as the output of a slow, salted password hash: Argon2id preferably, or bcrypt or scrypt, with a unique salt per password, never plain text or a fast hash like SHA-256. Around that: rate limiting and progressive delays per account and per IP against credential stuffing, checking new passwords against breached-password lists, and offering MFA (two-factor authentication with TOTP or passkeys). On login I regenerate the session id to prevent session fixation and keep it in an HttpOnly, Secure, SameSite cookie, and the error message is generic ("wrong email or password") to avoid account enumeration.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'advanced',
$md$Compare server-side sessions and JWTs for authenticating a web app's users. What are the security trade-offs, especially around revocation and storage?$md$,
$j${"points": [
	{"text": "Sessions: an opaque id, state on the server, easy revocation", "weight": 3, "phrases": ["opaque", "server side", "revoke", "revocation", "session id"]},
	{"text": "JWTs: signed, self-contained, verified without lookup, but not revocable before expiry without state", "weight": 3, "phrases": ["signed", "self contained", "expiry", "denylist", "refresh token"]},
	{"text": "Storage: HttpOnly cookies keep tokens from XSS, localStorage does not; pin the algorithm and check claims", "weight": 3, "phrases": ["httponly", "localstorage", "xss", "alg none", "audience"]}]}$j$,
ARRAY['How would you log a user out of every device at once with each approach?'],
$md$A session cookie holds an opaque random id and the state lives on the server side, so logging a user out or revoking a stolen session is a single delete; the price is a lookup per request, which is cheap with Redis or the database. A JWT is a signed, self-contained set of claims that any service can verify without a lookup, handy across services, but it cannot be revoked before its expiry without bringing back state such as a denylist, so access tokens must be short-lived with rotating refresh tokens. Storage matters for both: in an HttpOnly, Secure cookie the token is out of reach of XSS (add CSRF protection), while in localStorage any injected script can steal it. JWTs also bring pitfalls such as accepting `alg: none` or confusing algorithms and skipping issuer, audience and expiry checks, so the verifier must pin the algorithm. For a typical web app I prefer server-side sessions.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'advanced',
$md$Your app lets users submit a URL, and the server fetches it to show a link preview. What can go wrong, and how would you defend against it?$md$,
$j${"points": [
	{"text": "Server-side request forgery: reaching cloud metadata, localhost and internal services", "weight": 3, "phrases": ["ssrf", "request forgery", "metadata", "169 254", "internal"]},
	{"text": "Resolve and block private, loopback and link-local addresses, pin the IP against DNS rebinding, re-check redirects", "weight": 3, "phrases": ["private", "loopback", "link local", "dns rebinding", "redirect"]},
	{"text": "Isolation and limits: egress proxy, IMDSv2, size, time and type limits", "weight": 2, "phrases": ["egress", "proxy", "imdsv2", "size", "isolated"]}]}$j$,
ARRAY['Why is checking the hostname against a block list not enough?'],
$md$This is the classic server-side request forgery (SSRF) setup: an attacker submits `http://169.254.169.254/` to read the cloud metadata service and its credentials, or `http://localhost:6379` and internal hostnames to reach services that trust the internal network. Defences: allow only http and https, resolve the hostname yourself and block private, loopback and link-local ranges (IPv4 and IPv6), then connect to that exact IP so DNS rebinding cannot swap it, and repeat the check on every redirect or disable redirects. Better still, run the fetcher in an isolated network that can only leave through an egress proxy enforcing those rules, require IMDSv2 on cloud instances, and cap the response size, time and content type.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'expert',
$md$Threat-model the authentication and authorization of a multi-tenant SaaS API. Where do the serious risks lie, and which controls would you put at each layer?$md$,
$j${"points": [
	{"text": "A method: data flows, trust boundaries and STRIDE against the assets", "weight": 2, "phrases": ["threat model", "stride", "trust boundaries", "data flow", "asset"]},
	{"text": "The top risk is cross-tenant access (broken object level authorization), enforced centrally with RLS and tests", "weight": 3, "phrases": ["object level authorization", "bola", "idor", "cross tenant", "row level security"]},
	{"text": "Authentication: SSO with OIDC or SAML, MFA, short-lived tokens, hashed and scoped API keys", "weight": 3, "phrases": ["oidc", "saml", "mfa", "api key", "scoped", "rotate"]},
	{"text": "Detection and containment: audit logs, least privilege for staff, alerts, incident response", "weight": 2, "phrases": ["audit log", "least privilege", "alert", "incident response"]}]}$j$,
ARRAY['How would you test for cross-tenant access automatically?'],
$md$I would draw the data flows and trust boundaries (browser, API gateway, services, database, admin tools) and walk each with STRIDE to list threats against the assets, above all tenant data. The most serious risk in a multi-tenant API is broken object level authorization (BOLA, also called IDOR): one tenant reading another's records by changing an id, so cross tenant access must be prevented centrally, in a data-access layer that always adds the tenant, backed by PostgreSQL row level security and by tests that try it on every endpoint. For authentication: SSO through OIDC or SAML for enterprise tenants, MFA for admins, short-lived tokens, and API keys stored hashed, scoped to minimal permissions and easy to rotate. Finally detection and containment: audit logs of sensitive actions per tenant, least privilege and just-in-time access for our own staff, alerts on unusual access, and a rehearsed incident response plan.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'web_security', 'technical', 'expert',
$md$How would you secure the software supply chain of a web application: its dependencies, the build pipeline and deployment?$md$,
$j${"points": [
	{"text": "Dependencies: lockfiles, pinned actions, automated update and audit tools, review of new packages", "weight": 3, "phrases": ["lockfile", "npm ci", "dependabot", "renovate", "typosquatting"]},
	{"text": "Build: protected branches and review, least-privilege CI with short-lived OIDC credentials, ephemeral runners", "weight": 3, "phrases": ["protected branch", "code review", "least privilege", "oidc", "ephemeral"]},
	{"text": "Provenance: SBOM, signed artefacts with SLSA provenance, verified at deploy", "weight": 3, "phrases": ["sbom", "sign", "cosign", "sigstore", "slsa", "provenance"]}]}$j$,
ARRAY['What would you do in the first hour after learning a dependency was compromised?'],
$md$For dependencies: commit lockfiles and install exactly from them (`npm ci`), pin CI actions to commit hashes, let Dependabot or Renovate propose updates with automated audit and vulnerability scanning, and review new dependencies for maintenance and typosquatting before adding them. For the build: protected branches with required code review, CI jobs with least privilege and short-lived cloud credentials obtained through OIDC instead of stored secrets, no secrets printed in logs, and builds in clean, ephemeral runners. For deployment: generate an SBOM, sign images and artefacts with Sigstore's cosign together with SLSA provenance describing how they were built, and verify the signature and provenance at deploy time, for example with a Kubernetes admission controller, so only artefacts built by our pipeline can run.$md$);

-- Full-stack developer: behavioural (STAR) ---------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'collaboration', 'behavioral', 'advanced',
$md$Tell me about a time you had to coordinate a change across front end and back end with other teams, under a deadline.$md$,
$j${"points": [
	{"text": "Situation: the change, the teams and the deadline", "weight": 1, "phrases": ["situation", "deadline", "launch", "three teams"]},
	{"text": "Task: their role in making the pieces meet", "weight": 1, "phrases": ["my role", "task", "tech lead", "responsible"]},
	{"text": "Action: what they set up to let the teams work in parallel", "weight": 3, "phrases": ["i decided", "contract", "mock server", "i set up", "sync"]},
	{"text": "Result: delivery and what the teams kept doing", "weight": 2, "phrases": ["as a result", "on time", "became", "default"]},
	{"text": "Made dependencies explicit and communicated risks early", "weight": 3, "phrases": ["agreed", "dependencies", "risk", "communicate", "openapi"]}]}$j$,
ARRAY['What would you do differently if one team had fallen behind?'],
$md$The situation: a new checkout flow needed changes in our API, the web front end and the mobile app, owned by three teams, with a marketing launch date already fixed. My role was tech lead for the API, and my task was to make sure the pieces met on time. I decided to write the API contract first as an OpenAPI spec that all three teams agreed on, set up a mock server from it so the front ends could start at once, and ran a short weekly sync to communicate risks and dependencies. As a result we integrated in two days instead of the usual two weeks and launched on time, and contract-first became our default for cross-team work.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'fullstack', 'ownership', 'behavioral', 'intermediate',
$md$Describe a time you noticed a problem outside your assigned work, such as security, data quality or reliability, and decided to act on it.$md$,
$j${"points": [
	{"text": "Situation: what they noticed and why nobody else had", "weight": 1, "phrases": ["situation", "noticed", "nobody", "silently"]},
	{"text": "Task: why it became theirs to raise", "weight": 1, "phrases": ["my role", "task", "mine to", "not my"]},
	{"text": "Action: raised it with evidence, then fixed it", "weight": 3, "phrases": ["i decided", "flag", "evidence", "i fixed", "offered"]},
	{"text": "Result: the outcome and the lasting safeguard", "weight": 2, "phrases": ["as a result", "alert", "since", "verified"]},
	{"text": "Weighed the impact and told the right people quickly", "weight": 3, "phrases": ["impact", "on call", "lead", "straight away", "escalate"]}]}$j$,
ARRAY['How do you decide when something outside your work is worth your time?'],
$md$The situation: while building a reporting feature I noticed our nightly backup job had been failing silently for a week, because nobody watched its logs. It was not my task, but as the engineer who found it, my role was to raise it. I decided to flag it to our on-call lead straight away with the evidence and the impact, offered to fix it, then repaired the job and added an alert for a failed or missing backup. As a result we had a verified backup that evening, and the alert has since caught two later failures within hours.$md$);

-- Customer support specialist: communication -------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'warmup',
$md$Imagine your first week on a new support team. How would you learn the team's tone of voice and the way it writes to customers?$md$,
$j${"points": [
	{"text": "Studies existing material: style guide, macros, well-rated tickets", "weight": 2, "phrases": ["style guide", "macro", "saved replies", "past ticket", "knowledge base"]},
	{"text": "Learns from people: shadowing, reviews, feedback", "weight": 2, "phrases": ["shadow", "feedback", "review", "mentor", "colleague"]},
	{"text": "Adapts while keeping replies personal", "weight": 1, "phrases": ["adapt", "practise", "practice", "personal", "tone"]}]}$j$,
ARRAY['What would you do if the style guide and the best agents wrote differently?'],
$md$I would start by reading the style guide, the saved replies and macros, and a good sample of past tickets that customers rated highly, to hear how the team actually sounds. I would shadow experienced colleagues on chat and ask a mentor to review my first replies and give me feedback. Then I would practise adapting my tone to match, friendly but clear, while keeping each reply personal rather than pasting templates.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'warmup',
$md$Three customers ask about the same billing change: one by chat, one by email and one by phone. How would your replies differ between the three channels?$md$,
$j${"points": [
	{"text": "Chat: short messages, quick turns, checking understanding", "weight": 2, "phrases": ["chat", "short", "quick", "one idea"]},
	{"text": "Email: one complete, structured reply with next steps; phone: tone of voice and listening, with a written follow-up", "weight": 3, "phrases": ["complete", "structured", "next steps", "tone of voice", "listen"]},
	{"text": "The facts stay consistent across channels", "weight": 1, "phrases": ["consistent", "same facts", "in writing"]}]}$j$,
ARRAY['Which of the three channels do you find hardest, and why?'],
$md$On chat I would keep messages short and quick, one idea per message, and check understanding as we go, since the customer is waiting live. By email I would write one complete, structured reply: a short summary of the change, what it means for them, and clear next steps, so they do not need to write back. On the phone my tone of voice does the work: I would listen first, explain the change simply, and follow up by email so they have it in writing. The facts stay consistent across all three.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'fundamental',
$md$What does **active listening** look like in a written support conversation, where you cannot nod or say "mm-hm"?$md$,
$j${"points": [
	{"text": "Restates the problem in their own words to confirm it", "weight": 3, "phrases": ["restate", "own words", "paraphrase", "summarise", "confirm"]},
	{"text": "Acknowledges feelings and impact", "weight": 2, "phrases": ["acknowledge", "impact", "frustrating", "empathy"]},
	{"text": "Answers every question and asks specific clarifying questions", "weight": 2, "phrases": ["every question", "clarifying question", "specific", "each point"]}]}$j$,
ARRAY['How do you show you have read a long, angry email carefully?'],
$md$In writing, active listening shows in what I write back. I restate the problem in my own words to confirm I have understood ("So the invoice still shows your old plan's price since you upgraded on 3 May, is that right?"), acknowledge the impact on them, for example that being charged twice is frustrating, and answer every question they asked, not just the first. When something is unclear I ask one or two specific clarifying questions rather than a generic "can you give more details?".$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'fundamental',
$md$How would you explain clearing the browser cache to a customer who tells you they are "not good with computers"?$md$,
$j${"points": [
	{"text": "Plain language without jargon, perhaps an everyday analogy", "weight": 3, "phrases": ["plain language", "jargon", "analogy", "everyday", "simple"]},
	{"text": "Numbered steps, one action at a time, with screenshots for their browser", "weight": 3, "phrases": ["step by step", "numbered", "one action", "screenshot", "video"]},
	{"text": "Checks each step, stays patient and reassuring, never condescending", "weight": 2, "phrases": ["check", "patient", "reassure", "condescending"]}]}$j$,
ARRAY['What would you do if they got lost halfway through the steps?'],
$md$I would use plain language without jargon, maybe with an everyday analogy: the browser keeps copies of pages to load them faster, and sometimes an old copy gets stuck. Then I would give numbered, step-by-step instructions, one action at a time, with a screenshot or short video for their exact browser. I would check after each step that it worked, stay patient and reassure them that this trips up lots of people, without ever sounding condescending.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'intermediate',
$md$A customer asks for a feature your product does not have and will not have soon. How do you say no while keeping them happy?$md$,
$j${"points": [
	{"text": "An honest, clear no without a vague promise", "weight": 3, "phrases": ["honest", "clear", "not planned", "promise"]},
	{"text": "Finds the underlying need and offers a workaround or alternative", "weight": 3, "phrases": ["underlying need", "trying to achieve", "workaround", "alternative", "integration"]},
	{"text": "Logs the request with the product team and says so", "weight": 2, "phrases": ["product team", "log", "feature request", "feedback"]},
	{"text": "Positive framing: what we can do", "weight": 1, "phrases": ["we can do", "thank", "positive"]}]}$j$,
ARRAY['What if the customer says a competitor has this feature?'],
$md$I would be honest and clear that it is not something we offer or have planned, rather than a vague "maybe one day" that sounds like a promise. Then I would ask what they are trying to achieve, because the underlying need can often be met another way: a workaround, a setting they have not found, or an integration. I would log the request with the product team, tell them I have done so, and thank them, focusing the message on what we can do for them now.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'intermediate',
$md$You gave a customer wrong information in an earlier reply, and it cost them time. How do you handle the follow-up?$md$,
$j${"points": [
	{"text": "Owns the mistake quickly with a sincere apology and no excuses", "weight": 3, "phrases": ["sorry", "my mistake", "own it", "no excuses", "apologise"]},
	{"text": "Gives the correct information and the next steps clearly", "weight": 3, "phrases": ["correct information", "next step", "clearly", "what happens next"]},
	{"text": "Makes it right and fixes the cause so it does not recur", "weight": 2, "phrases": ["make it right", "credit", "knowledge base", "nobody else"]},
	{"text": "Reaches out proactively", "weight": 1, "phrases": ["proactively", "before they"]}]}$j$,
ARRAY['Would you tell your team lead about the mistake? Why?'],
$md$I would contact them proactively, before they discover it, and own it plainly: "I'm sorry, I gave you the wrong steps yesterday; that was my mistake." No excuses. Then the correct information, laid out clearly, and what happens next, and I would offer to make it right, for example by making the change for them or, if policy allows, a credit for the lost time. Afterwards I would fix the cause, such as updating the knowledge base article I relied on, so nobody else gives the same wrong answer.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'advanced',
$md$A major outage affects thousands of customers. Roughly what would your first public status update say, and how would you keep communicating until it is resolved?$md$,
$j${"points": [
	{"text": "Acknowledges quickly what is affected, without guessing at causes", "weight": 3, "phrases": ["we re aware", "affected", "investigating", "what we know", "impact"]},
	{"text": "Commits to a next update time and keeps a regular cadence", "weight": 3, "phrases": ["next update", "every 30 minutes", "cadence", "regular"]},
	{"text": "One source of truth and consistent messages on every channel; no unsure ETA", "weight": 2, "phrases": ["status page", "single source", "macro", "eta", "same thing"]},
	{"text": "Closes with an all-clear and a post-incident summary", "weight": 2, "phrases": ["post incident", "root cause", "resolved", "all clear"]}]}$j$,
ARRAY['What would you tell a large customer who demands an exact time of recovery?'],
$md$First update, within minutes: "We're aware that many customers can't log in to the dashboard since 09:40 UTC. Our engineers are investigating. Your data is safe, and the API is not affected as far as we know. Next update by 10:30 UTC." It acknowledges the impact, says only what we know without guessing at the cause, and commits to a next update time. I would keep that cadence, every 30 minutes even when there is no news, with the status page as the single source of truth and a macro for agents so every channel says the same thing, and avoid an ETA until engineering is confident. Once resolved, a clear all-clear, and later a post-incident summary with the root cause and what we are changing.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'advanced',
$md$You take over a complex ticket that has gone back and forth ten times between the customer and three different agents. How do you take it over and bring it to a close?$md$,
$j${"points": [
	{"text": "Reads the whole history and builds a timeline first", "weight": 2, "phrases": ["whole history", "timeline", "read", "promised"]},
	{"text": "Resets as the single owner: introduces themselves, acknowledges the repetition, summarises and confirms", "weight": 3, "phrases": ["single owner", "introduce", "acknowledge", "summarise", "confirm"]},
	{"text": "A clear plan with next steps and timing, perhaps a call", "weight": 3, "phrases": ["plan", "next step", "hear from me", "call"]},
	{"text": "Involves specialists and flags the process gap", "weight": 1, "phrases": ["specialist", "process", "gap"]}]}$j$,
ARRAY['How would you stop tickets from bouncing between agents like this?'],
$md$I would first read the whole history and write myself a short timeline: what the customer asked, what was tried and what was promised. Then I would reset the conversation as its single owner: introduce myself, acknowledge that they have had to repeat themselves, summarise my understanding in a few lines and ask them to confirm it. Next, a clear plan with next steps and when they will hear from me, possibly offering a call, since ten emails suggest writing is not working. Internally I would pull in a specialist if needed, and afterwards flag the process gap that let three agents bounce it around.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'expert',
$md$You are asked to design the communication guidelines and macro library for a support team of 40 agents across time zones. What would they contain, and how would you keep them good over time?$md$,
$j${"points": [
	{"text": "A voice and tone guide with examples, personalisation rules and channel guidance", "weight": 2, "phrases": ["tone guide", "voice", "example", "personalising", "channel"]},
	{"text": "A macro library with structure: topics, naming, tags, placeholders, owners", "weight": 3, "phrases": ["macro", "naming", "tag", "placeholder", "owner"]},
	{"text": "Maintenance: reviews, usage and CSAT per macro, agent feedback, release updates", "weight": 3, "phrases": ["review", "usage analytics", "csat", "feedback", "release"]},
	{"text": "Ties into training, QA and localisation", "weight": 2, "phrases": ["training", "qa", "quality", "localisation", "translation"]}]}$j$,
ARRAY['How would you stop macros from making the team sound robotic?'],
$md$It would have a short voice and tone guide with real before-and-after examples, rules for personalising every reply, and guidance per channel. The macro library would be organised by topic with a clear naming scheme and tags, placeholders for the customer's details, and a named owner per category, written as starting points that agents adapt rather than paste. To keep it good: a quarterly review, usage analytics and CSAT per macro to find weak or unused ones, an easy way for agents to give feedback or suggest edits, and a checklist so every product release updates the affected macros before it ships. It ties into onboarding training and the QA rubric, and into localisation or translation for the languages we support.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'communication', 'situational', 'expert',
$md$Customer satisfaction (CSAT) has dropped from 92% to 84% over two months. How would you find out why, and what would you change?$md$,
$j${"points": [
	{"text": "Segments the drop and reads low-rated tickets with comments", "weight": 3, "phrases": ["segment", "channel", "tag", "low rated", "comment"]},
	{"text": "Separates product causes from service causes using related metrics", "weight": 3, "phrases": ["product", "release", "first response time", "resolution time", "reopen"]},
	{"text": "Checks the measurement itself: response rate and bias", "weight": 2, "phrases": ["response rate", "bias", "sample"]},
	{"text": "Acts per cause and measures the effect, with a feedback loop to product", "weight": 2, "phrases": ["action plan", "feedback loop", "product team", "measured"]}]}$j$,
ARRAY['Which single metric would you watch weekly after the changes, and why?'],
$md$First I would segment the drop: by channel, agent, ticket tag or topic, product area and week, and read a good sample of low-rated tickets with their comments, because the numbers say where and the comments say why. The key question is whether the cause is the product (a release, a bug, a pricing change that customers rate us for) or the service itself, so I would look at first response time, resolution time, reopen rate and the backlog alongside CSAT, and check that the survey response rate has not changed enough to bias it. Then an action plan per cause: product issues go to the product team with ticket data through a regular feedback loop, service issues get staffing, training or macro fixes, and CSAT is measured per segment to see what worked.$md$);

-- Customer support specialist: de-escalation -------------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'warmup',
$md$A customer opens a chat with: "This is the THIRD time I'm asking!!! Does anyone there actually read these?" What is the first thing you write back?$md$,
$j${"points": [
	{"text": "Acknowledges the frustration and apologises for the repetition", "weight": 3, "phrases": ["sorry", "frustrating", "acknowledge", "three times", "apologise"]},
	{"text": "Takes personal ownership", "weight": 2, "phrases": ["myself", "personally", "from here", "ownership"]},
	{"text": "Moves straight to action without making them repeat themselves", "weight": 2, "phrases": ["previous messages", "repeat", "within five minutes", "action"]}]}$j$,
ARRAY['What would you avoid writing in that first reply?'],
$md$"I'm really sorry you've had to ask three times; that's frustrating, and it shouldn't have happened. I'm going to handle this myself from here. I'm reading your previous messages now so you don't have to repeat anything, and I'll be back within five minutes with where things stand." It acknowledges the frustration, takes ownership and moves straight to action.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'warmup',
$md$A caller is shouting at you about a late delivery that is not your fault. What goes through your mind, and what do you do to stay calm?$md$,
$j${"points": [
	{"text": "Does not take it personally: the anger is about the situation", "weight": 3, "phrases": ["personally", "situation", "not at me", "real problem"]},
	{"text": "Calming techniques: breathing, letting them finish, a slow calm voice", "weight": 3, "phrases": ["breathe", "let them finish", "interrupt", "calm", "slow"]},
	{"text": "Turns to what can be solved", "weight": 2, "phrases": ["solve", "next step", "concrete", "focus"]}]}$j$,
ARRAY['How do you reset after a difficult call before taking the next one?'],
$md$I remind myself that they are angry at the situation, not at me personally: a late delivery is a real problem for them. I breathe, let them finish without interrupting, and keep my own voice slow and calm, which usually lowers theirs. Then I focus on what I can solve: acknowledge the problem, check the order and give them a concrete next step.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'fundamental',
$md$What is **de-escalation**, and what are the key steps you follow with an upset customer?$md$,
$j${"points": [
	{"text": "The aim: lower emotion and tension so the problem can be solved", "weight": 2, "phrases": ["emotion", "tension", "lower", "calm"]},
	{"text": "Listen fully, acknowledge with empathy, apologise for the experience", "weight": 3, "phrases": ["listen", "empathy", "acknowledge", "apologise", "apologize"]},
	{"text": "Clarify, offer options, set honest expectations and follow through", "weight": 3, "phrases": ["options", "solution", "expectation", "follow through"]},
	{"text": "Avoids arguing, blaming, hiding behind policy, 'calm down'", "weight": 1, "phrases": ["argue", "blame", "calm down", "policy"]}]}$j$,
ARRAY['Should you apologise when the company did nothing wrong?'],
$md$De-escalation means lowering the emotion and tension in a conversation so that we can actually solve the problem together. My steps: listen fully without interrupting; acknowledge the feeling and show empathy ("I can see why that's upsetting"); apologise for their experience even if it was not our fault; clarify what they need; then offer concrete options or a solution, set honest expectations about timing, and follow through. Things to avoid: arguing, blaming another team, hiding behind policy, and ever saying "calm down".$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'fundamental',
$md$A customer demands a refund that your policy does not allow. How do you respond?$md$,
$j${"points": [
	{"text": "Acknowledges their frustration", "weight": 2, "phrases": ["understand", "acknowledge", "frustration", "sorry"]},
	{"text": "Explains the policy clearly and honestly, with its reason", "weight": 3, "phrases": ["explain", "policy", "reason", "honestly"]},
	{"text": "Offers what they can, and escalates genuine exceptions", "weight": 3, "phrases": ["credit", "partial", "alternative", "escalate", "exception"]}]}$j$,
ARRAY['What makes a case exceptional enough to escalate?'],
$md$I would acknowledge why they are asking and that I understand their frustration. Then I would explain the policy clearly and honestly, with the reason behind it, rather than just "it's policy". And I would offer what I can: an account credit, a partial refund or a plan change if allowed, or extending their trial; if the case looks exceptional, such as a billing error on our side or a serious service problem, I would escalate it to someone who can approve an exception and tell them when they will hear back.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'intermediate',
$md$A customer threatens to cancel and post a bad review unless you fix their problem today, but the fix needs engineering and will take days. What do you do?$md$,
$j${"points": [
	{"text": "Stays calm, takes the threat as a measure of importance, focuses on the problem", "weight": 2, "phrases": ["calm", "without reacting", "matters", "focus"]},
	{"text": "Is honest that it cannot be fixed today and gives a realistic timeline", "weight": 3, "phrases": ["honest", "cannot promise", "realistic", "timeline"]},
	{"text": "Works the interim: workaround, escalation with business impact, scheduled updates as owner", "weight": 3, "phrases": ["workaround", "escalate", "business impact", "updates", "owner"]},
	{"text": "Considers a goodwill gesture within policy", "weight": 1, "phrases": ["goodwill", "credit"]}]}$j$,
ARRAY['How would you respond if the bad review is posted anyway?'],
$md$I would stay calm and treat the threat as a sign of how much this matters to them, without reacting to it, and focus on the problem. I would be honest that I cannot promise a fix today because it needs our engineers, explain why, and give a realistic timeline rather than a hopeful one. Meanwhile I would look for a workaround, escalate the ticket with the business impact so engineering can prioritise it, and commit to updates on a set schedule as their named owner. If appropriate I would offer a goodwill credit for the disruption, within policy.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'behavioral', 'intermediate',
$md$Tell me about a time you turned an angry customer into a satisfied one.$md$,
$j${"points": [
	{"text": "Situation: who the customer was and why they were angry", "weight": 1, "phrases": ["situation", "customer", "furious", "angry"]},
	{"text": "Task: what they had to achieve", "weight": 1, "phrases": ["my task", "task", "my role", "i needed"]},
	{"text": "Action: the steps they took, in order", "weight": 3, "phrases": ["i decided", "stayed on", "i found", "rebuilt"]},
	{"text": "Result: how it ended for the customer and the team", "weight": 2, "phrases": ["as a result", "review", "that evening", "release notes"]},
	{"text": "Listened and acknowledged before solving, and owned the solution", "weight": 3, "phrases": ["listen", "acknowledged", "apologised", "apologized", "ownership"]}]}$j$,
ARRAY['What did you learn from that customer that you use today?'],
$md$The situation: a small business owner called, furious, because our update had wiped her saved invoice template the day before her month-end billing. My task was to calm things down and get her billing out on time. I decided to listen fully first, acknowledged how bad the timing was and apologised, then stayed on the call while I found her template in our backups with an engineer and rebuilt it with her. As a result she sent her invoices that evening and later left a positive review mentioning the call, and our team added a warning to that update's release notes.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'advanced',
$md$A customer becomes abusive, with personal insults and threats aimed at you. Where is the line, and how do you handle it?$md$,
$j${"points": [
	{"text": "Draws the line: frustration is fine, personal abuse, threats and discrimination are not", "weight": 2, "phrases": ["line", "personal insult", "threat", "discriminatory", "frustration"]},
	{"text": "One calm, professional warning that sets a boundary and redirects to the issue", "weight": 3, "phrases": ["warning", "boundary", "redirect", "professional"]},
	{"text": "Ends the conversation per policy if it continues, documents it, escalates; violence to security", "weight": 3, "phrases": ["end the conversation", "document", "team lead", "security", "policy"]},
	{"text": "Looks after themselves afterwards", "weight": 1, "phrases": ["break", "debrief"]}]}$j$,
ARRAY['What should happen with that customer account afterwards?'],
$md$Frustration, even loud frustration, is fine; the line is personal insults, threats or discriminatory language aimed at me. When it is crossed I give one calm, professional warning that sets a boundary and redirects to the issue: "I want to help you with this, but I can't continue if the insults continue." If it carries on, I end the conversation as our policy allows, document what was said in the ticket, and escalate to my team lead, who decides the next steps with the account; threats of violence go to security straight away. Afterwards I would take a short break and debrief with my lead.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'advanced',
$md$An enterprise client's VP emails your CEO to complain about how your team handled a critical issue. The email is forwarded to you to answer. How do you approach it?$md$,
$j${"points": [
	{"text": "Investigates first: the full history, a timeline, what went wrong on our side", "weight": 3, "phrases": ["investigate", "timeline", "facts", "went wrong"]},
	{"text": "Aligns internally with the account manager and leadership for one response", "weight": 2, "phrases": ["account manager", "align", "leadership", "coordinated"]},
	{"text": "Replies by owning failures, with a remediation plan, one contact and a call", "weight": 3, "phrases": ["own", "remediation plan", "point of contact", "call", "without excuses"]},
	{"text": "Follows up and changes the process", "weight": 2, "phrases": ["follow up", "process change", "recur", "as promised"]}]}$j$,
ARRAY['What would you do if the complaint was partly unfair?'],
$md$First I would investigate before replying: read the full ticket history, build a timeline of what happened and establish the facts, including what went wrong on our side. I would align internally with the account manager or customer success lead and inform leadership, so the client gets one coordinated response. My reply would acknowledge the impact on their business, own our failures plainly without excuses, set out a concrete remediation plan for the open issue, name a single point of contact and offer a call this week. Then I would follow up as promised, make a process change so the same failure cannot recur, and tell them about it.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'expert',
$md$Design an escalation framework for a support organisation of 60 agents: tiers, severity levels, handoffs, and how de-escalation is taught and measured.$md$,
$j${"points": [
	{"text": "Tiers with written scopes, up to engineering", "weight": 2, "phrases": ["tier 1", "tier 2", "tier 3", "engineering", "scope"]},
	{"text": "Severity levels with definitions, response and update SLAs, an on-call path", "weight": 3, "phrases": ["severity", "sev 1", "sla", "definition", "on call"]},
	{"text": "Warm handoffs with context; ownership kept until accepted, no cold transfers", "weight": 3, "phrases": ["warm", "context", "ownership", "cold transfer", "summary"]},
	{"text": "Teaching with role play and coaching; measuring with QA, CSAT, escalation and reopen rates", "weight": 2, "phrases": ["role play", "coaching", "qa rubric", "escalation rate", "reopen"]}]}$j$,
ARRAY['How would you stop agents escalating too much, or too little?'],
$md$Tiers: tier 1 handles most contacts with broad training, tier 2 specialists take complex and account-level issues, and tier 3 or engineering handles bugs and incidents, each with a written scope. Severity levels have clear definitions (sev 1 means many customers, or a key customer, fully blocked, down to sev 4 for questions), each with response and update SLAs and an on-call path. Handoffs are warm: the agent writes a summary with context and what was tried, introduces the next person, and keeps ownership of the customer relationship until the handoff is accepted, so no customer is cold-transferred and made to start again. De-escalation is taught with role play and coaching on recorded calls, scored in the QA rubric, and measured through CSAT on escalated tickets, escalation rate and reopen rate per team.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'de_escalation', 'situational', 'expert',
$md$A pricing change is announced, and hundreds of angry customers contact support on the same day. How would you prepare and run the team to de-escalate at that scale?$md$,
$j${"points": [
	{"text": "Prepares before the announcement: FAQ, macros, concessions policy, training, staffing", "weight": 3, "phrases": ["faq", "macro", "concession", "training", "staffing"]},
	{"text": "Empowers agents to act within clear authority limits", "weight": 3, "phrases": ["empower", "authority", "grandfather", "without asking"]},
	{"text": "Triages and routes, watching volume and sentiment", "weight": 2, "phrases": ["triage", "route", "tag", "sentiment", "senior agent"]},
	{"text": "Reports themes and churn risk to leadership and protects agent wellbeing", "weight": 2, "phrases": ["leadership", "theme", "churn", "wellbeing", "break"]}]}$j$,
ARRAY['Which concessions would you refuse to give, even under pressure?'],
$md$Preparation is most of it: before the announcement I would get the FAQ and macros written with product and finance, agree a policy on approved concessions (grandfathering for a period, one-off credits, exceptions for hardship), train the team on the reasons behind the change, and plan extra staffing for launch week. On the day, agents are empowered to act within clear authority limits without asking permission, which calms people faster than any wording. We triage with tags, route high-value or at-risk accounts to a senior agent, and monitor sentiment and volume hourly. Every day I would send leadership a short report on themes, volume and churn risk, and protect agent wellbeing with breaks and by rotating people off the angriest queues.$md$);

-- Customer support specialist: troubleshooting -----------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'warmup',
$md$Which help desk and troubleshooting tools have you used, for example ticketing systems, remote sessions or browser developer tools?$md$,
$j${"points": [
	{"text": "Names ticketing and tracking tools", "weight": 2, "phrases": ["zendesk", "intercom", "freshdesk", "jira", "ticketing"]},
	{"text": "Names diagnostic tools", "weight": 2, "phrases": ["screen sharing", "remote", "developer tools", "console", "log"]},
	{"text": "Says how they use them", "weight": 1, "phrases": ["macro", "internal note", "reproduce", "tag"]}]}$j$,
ARRAY['Which tool do you wish every support team had?'],
$md$I have worked mostly in Zendesk and Intercom, using tags, macros and internal notes to hand tickets over cleanly, and Jira to file bugs for engineering. For diagnosis I use screen sharing or remote sessions when a customer cannot describe what they see, and I am comfortable opening the browser developer tools to read console errors or check a failed network request. I also read our admin panel's logs to reproduce what happened on the customer's account.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'warmup',
$md$Tell us about a technical problem you helped a customer solve that you are proud of.$md$,
$j${"points": [
	{"text": "Describes the problem", "weight": 2, "phrases": ["problem", "error", "spam", "could not", "broken"]},
	{"text": "Describes the steps they took to find the cause", "weight": 2, "phrases": ["checked", "asked", "found", "tested", "header"]},
	{"text": "Gives the outcome", "weight": 1, "phrases": ["arrived", "solved", "fixed", "thank"]}]}$j$,
ARRAY['What would you do differently with that ticket today?'],
$md$A customer's emails sent from our app were all landing in their clients' spam folders. I asked for an example, checked the email headers, and found they had set up a custom sending domain without the SPF and DKIM records we require. I sent them the exact DNS records with screenshots of where to add them at their provider, tested a new message with them, and it arrived in the inbox; they wrote back to thank me the same day.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'fundamental',
$md$A customer writes: "the app isn't working". Which questions do you ask, and in what order?$md$,
$j${"points": [
	{"text": "What exactly happens: the action, expected versus actual, the exact error or a screenshot", "weight": 3, "phrases": ["exactly", "expected", "error message", "screenshot"]},
	{"text": "Scope: since when, always or sometimes, other users, recent changes", "weight": 3, "phrases": ["when it started", "always", "sometimes", "other users", "changed"]},
	{"text": "Environment: device, browser, app version, operating system, network", "weight": 2, "phrases": ["device", "browser", "version", "operating system", "vpn"]}]}$j$,
ARRAY['How would you ask these without making the customer feel interrogated?'],
$md$First, what exactly happens: what they were trying to do, what they expected and what they see instead, with the exact error message or a screenshot. Second, scope: when it started, whether it happens always or only sometimes, whether other users on their team see it, and whether anything changed recently. Third, their environment: device, browser and version, app version, operating system and network, such as a company VPN. In that order, because the first answers often make the later questions unnecessary.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'fundamental',
$md$What does clearing the browser's cache and cookies actually do? When is it a sensible troubleshooting step, and when is it not?$md$,
$j${"points": [
	{"text": "The cache keeps copies of files to load faster; stale copies can break pages after an update", "weight": 3, "phrases": ["copies", "faster", "stale", "old files", "after a release"]},
	{"text": "Cookies hold sessions and preferences; clearing them logs the customer out", "weight": 2, "phrases": ["cookie", "session", "logs the customer", "logged out", "preferences"]},
	{"text": "Sensible for stale files or login loops; not a reflex for server problems; try a private window first", "weight": 3, "phrases": ["private", "incognito", "server side", "reflex", "login loop"]}]}$j$,
ARRAY['How would you clear the cache for just one site?'],
$md$The browser cache keeps copies of files like scripts and images so pages load faster; after an update, stale copies can make a page look or behave broken. Cookies store things like the login session and preferences, so clearing them logs the customer out of every site. It is sensible when the problem smells of old files or a broken session: a page that looks wrong after a release, or a login loop. It is not a sensible reflex for everything, because it will not fix a server-side problem and it costs the customer their sessions; I usually ask them to try a private or incognito window first, which tells us the same thing without clearing anything.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'intermediate',
$md$A customer can log in on their phone but not on their work laptop. Walk through how you would narrow down the cause.$md$,
$j${"points": [
	{"text": "The phone works, so the account is fine: isolate what differs on the laptop", "weight": 3, "phrases": ["account", "isolate", "different", "difference"]},
	{"text": "Browser checks: incognito, another browser, extensions, cookies, the clock", "weight": 3, "phrases": ["incognito", "another browser", "extension", "cookie", "date and time"]},
	{"text": "Network checks: company VPN, proxy or firewall; try a hotspot; involve their IT", "weight": 3, "phrases": ["vpn", "proxy", "firewall", "hotspot", "it department"]},
	{"text": "Collects evidence to escalate", "weight": 1, "phrases": ["har", "escalate", "screenshot"]}]}$j$,
ARRAY['What would you send the customer to pass on to their IT department?'],
$md$Because the phone works, the account and password are fine, so I would isolate what is different about the laptop: the browser, its settings or the network. I would ask for the exact error, then try an incognito window (which rules out extensions and old cookies), another browser, and check that the laptop's date and time are right, which matters for some logins. Then the network: work laptops often sit behind a company VPN, proxy or firewall, so I would ask them to try once on a phone hotspot; if that works, I would give them the domains to pass to their IT department. If none of that finds it, I would collect a HAR file and a screenshot to escalate to engineering.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'intermediate',
$md$How do you decide whether an issue is a bug to escalate to engineering or something to resolve yourself? What goes into a good bug report?$md$,
$j${"points": [
	{"text": "Checks first: reproduces it, known issues, documented expected behaviour, configuration", "weight": 3, "phrases": ["reproduce", "known issue", "expected behaviour", "configuration", "documentation"]},
	{"text": "Escalates reproducible unexpected behaviour, several customers, data or security risk", "weight": 2, "phrases": ["unexpected", "multiple customers", "data loss", "security", "escalate"]},
	{"text": "A good report: steps to reproduce, expected and actual, environment, ids, evidence, impact", "weight": 3, "phrases": ["steps to reproduce", "actual", "environment", "timestamp", "business impact"]}]}$j$,
ARRAY['What do you tell the customer while the bug waits in the engineering queue?'],
$md$First I check whether it really is a bug: can I reproduce it on a test account, is it a known issue, and what does the documentation say the expected behaviour is? Often it is a configuration problem or a misunderstanding I can resolve myself. I escalate when I can reproduce unexpected behaviour, when multiple customers report the same thing, or when there is any risk of data loss or security. A good bug report has a clear title, numbered steps to reproduce, the expected and actual results, the environment (browser, app version), account ids and timestamps, screenshots or logs, and the business impact so engineering can judge the urgency.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'advanced',
$md$Since this morning, several customers report that file uploads fail intermittently, and you cannot reproduce it. How do you investigate from the support side?$md$,
$j${"points": [
	{"text": "Looks for a pattern across tickets: time, file size and type, browser, region, plan", "weight": 3, "phrases": ["pattern", "file size", "region", "timestamp", "browser"]},
	{"text": "Links the tickets and alerts engineering early with evidence; checks releases and status", "weight": 3, "phrases": ["link", "problem ticket", "engineering", "evidence", "release"]},
	{"text": "Gets technical evidence from customers: HAR files, console and network details, exact times", "weight": 2, "phrases": ["har", "console", "network", "exact times"]},
	{"text": "Keeps customers informed and offers a workaround", "weight": 2, "phrases": ["workaround", "macro", "investigating", "update"]}]}$j$,
ARRAY['How would you tell when the problem is really fixed?'],
$md$I would treat it as a pattern problem: gather data points from every ticket, such as timestamps, file size and type, browser, region and account plan, in one sheet, since intermittent failures often share a hidden factor like files over a size limit or one region. I would link the tickets into a single problem ticket and alert engineering early with that evidence, and check whether a release went out this morning and what the status page says. From a couple of willing customers I would request a HAR file, or console and network screenshots, with exact times. Meanwhile a macro tells affected customers we are investigating, offers a workaround such as compressing or splitting files if the pattern points there, and I update them as we learn more.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'advanced',
$md$A customer says data has disappeared from their account. How do you handle it, technically and in your communication?$md$,
$j${"points": [
	{"text": "Treats it as urgent and high severity without promising recovery too early", "weight": 3, "phrases": ["urgent", "severity", "careful", "without promising"]},
	{"text": "Checks the audit log and common causes: another user, an integration, a filter or view", "weight": 3, "phrases": ["audit log", "another user", "integration", "filter", "view"]},
	{"text": "Escalates to preserve evidence, checks backups and restore, involves security if suspicious", "weight": 2, "phrases": ["escalate", "preserve evidence", "backup", "restore", "security"]},
	{"text": "Updates the customer on a schedule, transparent about what is known", "weight": 2, "phrases": ["updated", "schedule", "transparent", "what we know"]}]}$j$,
ARRAY['What would you say if the data cannot be recovered?'],
$md$I would treat it as urgent and high severity, and be careful: acknowledge how serious it is for them without promising recovery before we know more. Technically, I would check the audit log for who deleted what and when, because the answer is often another user on their team, an integration or sync that removed records, or a filter or view hiding data that is still there. If it is real loss or unexplained, I would escalate to engineering straight away to preserve evidence and check the backup and restore options, and bring in security if the access looks suspicious. I would keep the customer updated on a set schedule, transparent about what we know and what we do not.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'expert',
$md$Design a troubleshooting knowledge system for a support team: how agents capture, find and improve diagnostic know-how, so that resolution time and escalations fall over a year.$md$,
$j${"points": [
	{"text": "Knowledge-Centered Service: capture in the flow of work, reuse and improve on every use", "weight": 3, "phrases": ["knowledge centered service", "kcs", "capture", "reuse", "improve"]},
	{"text": "Articles structured by symptom as runbooks or decision trees, templated, tagged, searchable from tickets", "weight": 3, "phrases": ["symptom", "runbook", "decision tree", "template", "search"]},
	{"text": "Governance: owners, flags for outdated articles, reviews at each release", "weight": 2, "phrases": ["owner", "outdated", "flag", "release"]},
	{"text": "Measures resolution time, escalation rate, link rate and deflection", "weight": 2, "phrases": ["time to resolution", "escalation rate", "link rate", "deflection"]}]}$j$,
ARRAY['How would you get busy agents to actually write articles?'],
$md$I would base it on Knowledge-Centered Service (KCS): agents capture knowledge in the flow of work, writing or updating a short article while solving the ticket, and reuse and improve articles every time they link one. Articles are structured by symptom as runbooks or decision trees ("upload fails: check size, then browser, then network"), written from a template, tagged by product area and easy to search from inside the ticket tool. Governance: each area has an owner, any agent can flag an outdated article, and every product release includes a review of the affected ones. I would measure time to resolution, escalation rate, the link rate of articles on tickets, and self-service deflection where articles are published for customers, and review them each quarter.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'troubleshooting', 'technical', 'expert',
$md$How would you work with engineering to reduce the number of tickets caused by product defects, not just close them faster?$md$,
$j${"points": [
	{"text": "Consistent tagging by root cause to quantify each defect's ticket volume and cost", "weight": 3, "phrases": ["tag", "root cause", "quantify", "volume", "cost"]},
	{"text": "A regular feedback loop: top-issues report with links to bugs, reviewed with product and engineering", "weight": 3, "phrases": ["feedback loop", "report", "link", "product manager", "engineering lead"]},
	{"text": "Frames fixes by impact to get them prioritised on the roadmap", "weight": 2, "phrases": ["impact", "churn", "revenue", "prioritised", "roadmap"]},
	{"text": "Closes the loop: notifies customers, measures the drop, joins releases and betas", "weight": 2, "phrases": ["notify", "measure", "release review", "beta"]}]}$j$,
ARRAY['What would you do if engineering keeps deprioritising a defect that drives many tickets?'],
$md$It starts with data: consistent tagging of tickets by root cause and product area, so I can quantify how many tickets each defect causes and what they cost in agent time. Then a regular feedback loop: a short weekly or monthly report of the top issues with ticket volume, customer quotes and links to the bugs, reviewed with the product manager and the engineering lead. Framing it by impact (the number of customers affected, churn risk and revenue) gets fixes prioritised on the roadmap rather than left in the backlog. When a fix ships we notify the affected customers and measure the drop in tickets to show the effect, and support joins release reviews and betas to catch the next problems before customers do.$md$);

-- Customer support specialist: product knowledge ---------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'technical', 'warmup',
$md$How do you usually learn a new product well enough to support it?$md$,
$j${"points": [
	{"text": "Uses the product hands-on, as a customer would", "weight": 3, "phrases": ["hands on", "test account", "sandbox", "as a customer"]},
	{"text": "Reads documentation, the knowledge base, release notes; takes training", "weight": 2, "phrases": ["documentation", "knowledge base", "release notes", "training"]},
	{"text": "Learns from tickets, colleagues and the product team", "weight": 2, "phrases": ["ticket", "shadow", "colleague", "product team"]}]}$j$,
ARRAY['How do you know when you know a product well enough?'],
$md$I use it hands-on first: I set up a test account and go through the main workflows as a customer would, including the setup and billing screens. Alongside that I read the documentation, the knowledge base and recent release notes, and do any internal training. Then I learn from real tickets and colleagues: I shadow experienced agents, read the most common ticket types, and keep a list of questions for the product team.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'technical', 'warmup',
$md$Which product that you supported did you know really well, and what helped you get there?$md$,
$j${"points": [
	{"text": "Names the product and how deep their knowledge went", "weight": 2, "phrases": ["platform", "product", "edge case", "feature"]},
	{"text": "Says what helped: daily use, tickets, training, engineers", "weight": 2, "phrases": ["every day", "ticket", "training", "engineer"]},
	{"text": "Says how it showed in their work", "weight": 1, "phrases": ["faster", "first message", "answer"]}]}$j$,
ARRAY['What was the hardest part of that product to explain to customers?'],
$md$I supported an invoicing platform for small businesses and got to know it really well, down to edge cases in the tax settings. What helped most was using it every day for my own test company and reading every ticket in the billing queue during my first months, plus regular sessions where an engineer walked us through new features before release. It showed in faster answers: I could often tell customers the cause from their first message.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'technical', 'fundamental',
$md$What is the difference between a bug, a feature request and a "how-to" question, and why does classifying tickets correctly matter?$md$,
$j${"points": [
	{"text": "Bug: not behaving as designed; feature request: works as intended but wanted different; how-to: needs guidance", "weight": 3, "phrases": ["as designed", "intended", "new or changed", "guidance"]},
	{"text": "It decides routing and priority, and the tags become data for the product team", "weight": 3, "phrases": ["routed", "prioritised", "data", "product team", "tag"]},
	{"text": "Many how-to tickets reveal documentation gaps", "weight": 1, "phrases": ["documentation", "knowledge base", "gap"]}]}$j$,
ARRAY['How would you classify "the export is too slow"?'],
$md$A bug is when the product does not behave as designed or documented; a feature request is when it works as intended but the customer wants new or changed behaviour; a how-to question is when it works and the customer just needs guidance on using it. Classifying correctly matters because it decides where the ticket is routed and how it is prioritised, and because the tags become data: product teams use bug counts and feature request volumes to plan. Lots of how-to tickets on one topic also show a gap in the documentation or knowledge base.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'technical', 'fundamental',
$md$Explain, as you would to a customer, the difference between a user's role and their permissions in a typical business app, and why one user might not see a button that a colleague sees.$md$,
$j${"points": [
	{"text": "A role is a named set of permissions such as admin, editor or viewer", "weight": 3, "phrases": ["role", "set of permissions", "admin", "editor", "viewer"]},
	{"text": "Permissions decide what a user may see and do; apps hide what you cannot do", "weight": 3, "phrases": ["allowed", "hide", "permission", "an admin"]},
	{"text": "Other reasons: the plan, a different workspace, a stale page", "weight": 2, "phrases": ["plan", "subscription", "workspace", "refresh"]}]}$j$,
ARRAY['How would you check which of these reasons applies without access to their account?'],
$md$Each user has a role, like admin, editor or viewer, and a role is simply a named set of permissions: what that person is allowed to see and do. Apps usually hide buttons for actions you are not allowed to take, so if your colleague sees "Export" and you do not, the most likely reason is that their role includes that permission and yours does not; an admin on your account can change it. Other possible reasons are that the feature is only on certain plans or subscriptions, that you are looking at a different workspace, or that the page needs a refresh after a recent change.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'situational', 'intermediate',
$md$A customer asks about a feature you have never heard of, and you are not sure it exists. What do you do?$md$,
$j${"points": [
	{"text": "Does not guess or bluff; is honest about checking", "weight": 3, "phrases": ["guess", "bluff", "honest", "check"]},
	{"text": "Researches: knowledge base, documentation, colleagues, product team", "weight": 3, "phrases": ["knowledge base", "documentation", "colleague", "product team", "search"]},
	{"text": "Clarifies the need and sets a time to follow up", "weight": 2, "phrases": ["clarify", "what they need", "get back", "follow up"]},
	{"text": "Documents the answer for the team", "weight": 1, "phrases": ["document", "article", "next agent"]}]}$j$,
ARRAY['What if the answer turns out to be that the feature was removed?'],
$md$I would not guess or bluff. I would be honest that I want to check so that I give them a correct answer, and meanwhile ask what they need the feature for, which helps me clarify what they are really after. Then I would search the knowledge base and documentation, ask colleagues in our support channel and, if needed, the product team. If it takes more than a few minutes I would tell them when I will get back to them, and follow up as promised. Whatever I learn, I would document in an article or note so the next agent does not have to dig.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'situational', 'intermediate',
$md$A new release changes how a popular feature works, and customers start asking why things look different. How do you get up to speed and handle the wave of questions?$md$,
$j${"points": [
	{"text": "Learns the change early: release notes, changelog, demo, trying it", "weight": 3, "phrases": ["release notes", "changelog", "demo", "test it"]},
	{"text": "Prepares macros, an FAQ, updated articles and talking points on why", "weight": 3, "phrases": ["macro", "faq", "knowledge base", "talking points", "why"]},
	{"text": "With customers: the benefit, then how to do what they did before; feedback to product", "weight": 2, "phrases": ["benefit", "did before", "feedback", "product team"]},
	{"text": "Tags tickets to track the volume", "weight": 1, "phrases": ["tag", "track", "volume"]}]}$j$,
ARRAY['What would you do if customers overwhelmingly dislike the change?'],
$md$I would read the release notes and changelog, attend or watch the internal demo, and test it myself so I can see exactly what changed, ideally before the release reaches customers. Then I would prepare: a macro and an FAQ that explain what changed and why, an updated knowledge base article, and talking points on the benefits. With customers I would explain the benefit briefly and then show how to do what they did before, since that is what they actually need. I would tag the tickets so we can track the volume, and pass feedback and any bugs to the product team.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'technical', 'advanced',
$md$A customer on a mid-tier plan asks whether your product meets their company's requirements: single sign-on (SSO) with their identity provider, data stored in the EU, and an audit log. How do you answer accurately?$md$,
$j${"points": [
	{"text": "Answers each requirement from official sources only: plan comparison, security and compliance documents", "weight": 3, "phrases": ["official sources", "plan comparison", "security", "compliance", "documentation"]},
	{"text": "Clarifies specifics: identity provider, SAML or OIDC, scope of data residency, audit needs", "weight": 3, "phrases": ["identity provider", "saml", "oidc", "data residency", "clarify"]},
	{"text": "Brings in sales, solutions engineers or security for commitments, and answers in writing", "weight": 2, "phrases": ["sales", "solutions engineer", "security team", "in writing"]},
	{"text": "Says clearly when a requirement needs a higher plan", "weight": 1, "phrases": ["higher plan", "upgrade"]}]}$j$,
ARRAY['What is the risk of answering "yes, we support SSO" too quickly?'],
$md$I would answer each requirement separately and only from official sources: our plan comparison, the security and compliance documentation, and the data processing terms, because a wrong "yes" here can become a contract problem. I would clarify specifics first, such as which identity provider they use (Okta, Microsoft Entra ID, Google) and whether they need SAML or OIDC for SSO, whether EU data residency must cover backups and support access, and what the audit log must record. If SSO or EU hosting is only on a higher plan, I would say so clearly. For anything that becomes a commitment, like a security questionnaire or a contract clause, I would bring in sales or a solutions engineer and our security team, and send the final answer in writing.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'technical', 'advanced',
$md$A customer's integration keeps getting HTTP 429 errors from your API. How would you explain rate limits to them, and what would you advise them to change?$md$,
$j${"points": [
	{"text": "Explains the limit: requests per time window per key; 429 means Too Many Requests", "weight": 3, "phrases": ["rate limit", "requests per", "time window", "too many requests"]},
	{"text": "Points to the headers: remaining requests, reset time, Retry-After", "weight": 2, "phrases": ["header", "remaining", "reset", "retry after"]},
	{"text": "Advises backoff, batching, caching and webhooks instead of polling", "weight": 3, "phrases": ["exponential backoff", "batch", "cache", "webhook", "polling"]},
	{"text": "Knows the route to a higher limit", "weight": 1, "phrases": ["higher limit", "plan"]}]}$j$,
ARRAY['What would you check on your side before telling the customer it is their integration?'],
$md$I would explain that our API has a rate limit, a maximum number of requests per time window for each key, which keeps the service fast for everyone, and that a 429 Too Many Requests error means their integration went over it. Each response includes headers with the remaining requests and when the window resets, and a 429 includes Retry-After saying how long to wait. I would advise them to retry after that delay with exponential backoff rather than immediately, batch operations where the API allows it, cache data that rarely changes, and use webhooks instead of polling for updates. If their legitimate volume is simply higher, I would explain the options for a higher limit on another plan.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'situational', 'expert',
$md$You are asked to become the support team's subject matter expert for a complex product area, such as billing and invoicing. How would you build deep knowledge and spread it across the team?$md$,
$j${"points": [
	{"text": "Builds depth with product and engineering: specs, the data model, edge cases in a test environment", "weight": 3, "phrases": ["product manager", "engineer", "spec", "data model", "edge case"]},
	{"text": "Spreads it: training sessions, documentation, decision trees, office hours, champions", "weight": 3, "phrases": ["training", "documentation", "decision tree", "office hours", "champion"]},
	{"text": "Acts as a bridge: ticket feedback into planning, support input on releases", "weight": 2, "phrases": ["bridge", "feedback", "release", "beta"]},
	{"text": "Measures success: fewer escalations, QA scores, resolution time", "weight": 2, "phrases": ["fewer escalations", "qa score", "resolution time", "measure"]}]}$j$,
ARRAY['How would you avoid becoming a bottleneck as the expert?'],
$md$To build depth I would spend time with the product manager and engineers for billing, read the specs, learn the data model behind invoices and subscriptions, and work through edge cases like proration, refunds and tax in a test environment. To spread it, I would run short training sessions built on real tickets, write documentation and decision trees for the common billing issues, hold weekly office hours, and grow a couple of champions on each shift. I would act as the bridge to the product team: feedback from tickets into their planning, and support's input on releases and betas before they ship. Success would show as fewer escalations to me, better QA scores on billing tickets and shorter resolution time.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'product_knowledge', 'situational', 'expert',
$md$Design how a support organisation stays accurate about a product that ships changes every week across web, mobile and API. Which processes and tools keep every agent's knowledge current?$md$,
$j${"points": [
	{"text": "Support is part of the release process: support-facing notes, reviews before release, feature flag visibility", "weight": 3, "phrases": ["release process", "release notes", "before release", "feature flag"]},
	{"text": "The knowledge base is the source of truth with owners; the release checklist updates articles and macros", "weight": 3, "phrases": ["source of truth", "owner", "checklist", "macro"]},
	{"text": "Spreads changes: weekly briefings, in-tool announcements, a sandbox, quizzes", "weight": 2, "phrases": ["briefing", "announcement", "sandbox", "quiz"]},
	{"text": "Measures accuracy through QA and a confusion tag fed back to product and training", "weight": 2, "phrases": ["qa", "outdated answers", "tag", "training plan"]}]}$j$,
ARRAY['How would you handle a change that ships to only 10% of customers first?'],
$md$I would make support part of the release process: every change ships with support-facing release notes, support reviews significant changes before release, and agents can see which customers have a feature flag turned on, so they know what each customer is looking at. The knowledge base is the single source of truth, each area has an owner, and the release checklist includes updating the affected articles and macros. Knowledge spreads through a short weekly briefing, announcements inside the ticket tool, a sandbox with the latest build, and short quizzes for big changes. Finally, QA reviews measure how often agents give outdated answers, and a tag for product confusion feeds back into both the product and the training plan.$md$);

-- Customer support specialist: behavioural (STAR) --------------------------------

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'collaboration', 'behavioral', 'intermediate',
$md$Tell me about a time you worked with another team, such as engineering, sales or billing, to solve a customer's problem.$md$,
$j${"points": [
	{"text": "Situation: the customer's problem and why it needed another team", "weight": 1, "phrases": ["situation", "customer", "double charged", "other team"]},
	{"text": "Task: their role between the customer and the teams", "weight": 1, "phrases": ["my role", "task", "support contact", "i needed"]},
	{"text": "Action: how they brought the teams together and kept the customer informed", "weight": 3, "phrases": ["i decided", "evidence", "call", "update"]},
	{"text": "Result: the fix, the customer's response and what changed", "weight": 2, "phrases": ["as a result", "refunded", "renewed", "shared channel"]},
	{"text": "Gave the other teams clear evidence and kept a good relationship with both sides", "weight": 3, "phrases": ["clear evidence", "both teams", "relationship", "every two days"]}]}$j$,
ARRAY['What did you do when the other team was slow to respond?'],
$md$The situation: a key customer was being double-charged every month, and billing and engineering each thought the other team's system was at fault. My role was the customer's support contact, and my task was to get it fixed while keeping the customer's trust. I decided to gather clear evidence (the invoices, timestamps and the payment processor's logs), set up a short call with both teams where I shared it, and sent the customer an update every two days. As a result engineering found a retry bug within a week, billing refunded the customer, and the customer renewed; both teams now use a shared channel for billing escalations.$md$);

INSERT INTO questions (org_id, role, skill_area, category, difficulty, body_md, rubric, follow_ups, sample_answer)
VALUES (NULL, 'customer-support', 'ownership', 'behavioral', 'advanced',
$md$Describe a time you noticed a recurring problem in support and took the initiative to fix it for good.$md$,
$j${"points": [
	{"text": "Situation: the recurring problem and its cost", "weight": 1, "phrases": ["situation", "same question", "every week", "recurring"]},
	{"text": "Task: why they took it on", "weight": 1, "phrases": ["my role", "task", "took it on"]},
	{"text": "Action: gathered data, wrote the fix, proposed a product change", "weight": 3, "phrases": ["i decided", "tag", "article", "presented", "suggestion"]},
	{"text": "Result: the measured drop and the habit it left", "weight": 2, "phrases": ["as a result", "fell", "70", "each month"]},
	{"text": "Went after the root cause with data, beyond their assigned work", "weight": 3, "phrases": ["data", "pattern", "root cause", "product manager", "not my assigned"]}]}$j$,
ARRAY['How did you convince the product manager to act?'],
$md$The situation: I noticed we answered the same question about exporting reports about forty times every week, because the export button was hidden in a menu. It was not my assigned task, but my role put me on those tickets daily, so I took it on. I decided to tag every such ticket for two weeks to get data on the pattern, wrote a clear knowledge base article with screenshots, and presented the numbers to the product manager with a suggestion to move the button. As a result tickets on the topic fell by 70% within a month of the article and the product change, and the team now reviews our top ten ticket drivers each month.$md$);
