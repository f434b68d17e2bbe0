// The itm web page: a search box over /api/search (a sentence, or +word -word 2:word terms, with an image too when one
// is chosen from the panel), a panel with /api/annotate and /api/similar for the image picked or dropped. Plain DOM
// code, no build step. Text from the server is only ever set as textContent, never as HTML. When the model is
// calibrated, each search result has a probability of matching (in its tooltip), a dashed line in the grid marks where
// they fall below the chosen precision, and "No good match" is said only when even P(any of them matches) is below it. "Why does it match?" in the panel shows /api/explain for the image and the last search: the
// heatmap drawn over the image instead of it, and the query's words tinted by how much each adds; a select beside it
// picks how the heatmap is found (occlusion, or Grad-CAM where the model's image encoder has maps: a 409 says when not).
// "Duplicates" shows /api/duplicates instead of the search results: each group of copies in a row, side by side, the
// representative first and each other image with its similarity to it.

const SEARCH_K = 30;
const ANNOTATE_K = 8;
const SIMILAR_K = 12;

const $ = (id) => document.getElementById(id);
const ui = {
  form: $('search'), q: $('q'), file: $('file'), stats: $('stats'), status: $('status'), intro: $('intro'),
  results: $('results'), panel: $('panel'), close: $('close'), image: $('panel-image'), title: $('panel-title'),
  link: $('panel-link'), captions: $('captions'), similar: $('similar'), drop: $('drop'),
  searchWith: $('search-with'), withImage: $('with-image'), withImageName: $('with-image-name'), withoutImage: $('without-image'),
  cutoff: $('cutoff'), minPrecision: $('min-precision'), explain: $('explain'), explainWords: $('explain-words'),
  explainMethod: $('explain-method'), showDuplicates: $('show-duplicates'), duplicates: $('duplicates'),
  duplicateControls: $('duplicate-controls'), threshold: $('threshold'),
};

let limits = { maxQueryLength: 1000, maxUploadBytes: 20 * 1024 * 1024 };
let previewUrl = null;
// The image in the panel, and the image searches go with: { id, name } for an indexed one, { file, name } for an upload.
let shown = null;
let withImage = null;
// The last search's results, kept so a new cut-off precision redraws the grid without asking again.
let searched = { results: [] };
// The last search's query (what an explanation explains), and whether the panel shows explanations.
let searchedQuery = null;
let explaining = false;

// ---- talking to the API ----------------------------------------------------------------------------------------

// A server started with --api-key answers 401 until it gets the key. The page asks for it once and keeps it in a
// session cookie sent only to this site (SameSite=Strict), so thumbnails and images, which can't carry a header, get it too.
const KEY_COOKIE = 'itm-api-key';

function askForKey() {
  const key = window.prompt('This server needs its API key:');
  if (!key) return false;
  document.cookie = `${KEY_COOKIE}=${encodeURIComponent(key.trim())}; path=/; SameSite=Strict`;
  return true;
}

/** The JSON of a successful response; otherwise throws with the problem's detail (RFC 7807), which says what to change. */
async function api(url, options) {
  let response = await fetch(url, options);
  if (response.status === 401 && askForKey()) response = await fetch(url, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`);
  }
  return body;
}

function upload(path, file, k, params = {}) {
  const form = new FormData();
  form.append('image', file, file.name);
  return api(`${path}?${new URLSearchParams({ ...params, k })}`, { method: 'POST', body: form });
}

// ---- small pieces of the page ------------------------------------------------------------------------------------

function say(message, isError = false) {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', isError);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const fileName = (path) => path.split('/').pop();
const score = (value) => value.toFixed(3);
const percent = (value) => `${Math.round(value * 100)}%`;

/** One image of a result grid: thumbnail, rank, score, name and any query words read in it; clicking it opens the panel on that image. */
function card(result) {
  const button = element('button', 'card');
  button.type = 'button';
  button.dataset.id = result.id;
  button.dataset.path = result.path;
  button.title = result.probability === undefined ? result.path : `${result.path}\n${percent(result.probability)} likely to match`;
  // Query words written in the image (itm index --ocr) add to its score: say which, and what the score is without them.
  if (result.words) button.title += `\nwords found in the image: ${result.words.join(' ')} (cosine ${score(result.cosine)})`;
  const img = element('img');
  img.src = result.thumbnail;
  img.alt = result.path;
  img.loading = 'lazy';
  img.decoding = 'async';
  const meta = element('span', 'meta');
  meta.append(element('span', 'rank', `#${result.rank}`), element('span', 'score', score(result.score)));
  button.append(img, meta, element('span', 'name', fileName(result.path)));
  if (result.words) button.append(element('span', 'words', `text: ${result.words.join(' ')}`));
  button.addEventListener('click', () => openIndexed(result));
  return button;
}

function fillGrid(grid, results, emptyText) {
  grid.replaceChildren(...results.map(card));
  if (results.length === 0) grid.append(element('p', 'empty', emptyText));
}

/** How many of the best results P(any match) is over: the window itm eval judges it on, however many are shown. */
const ANY_MATCH_AMONG = 10;

/**
 * P(at least one of the best ten results is a match) = 1 − Π(1 − p_i), taking the results as independent (the server
 * sends it as anyMatchProbability, over anyMatchAmong results; worked out here for an answer without it).
 */
const anyMatch = (answer) => answer.anyMatchProbability
  ?? 1 - answer.results.slice(0, ANY_MATCH_AMONG).reduce((none, r) => none * (1 - r.probability), 1);
const anyMatchAmong = (answer) => answer.anyMatchAmong ?? Math.min(answer.results.length, ANY_MATCH_AMONG);

/**
 * The search results, with a dashed line after the last one at least as likely to match as the chosen precision
 * (results come best first, and the probability never rises down the ranking); no line when every result reaches it.
 * Each probability is of one image, so a query with many fitting images can have none above the line and still be
 * answered: the red "No good match" is shown only when P(any match among the best ten) is below the precision.
 */
function fillSearchResults(answer) {
  searched = answer;
  const results = answer.results;
  fillGrid(ui.results, results, 'No images in the index.');
  const calibrated = results.length > 0 && results[0].probability !== undefined;
  ui.cutoff.hidden = !calibrated;
  if (!calibrated) return;
  const precision = Number(ui.minPrecision.value);
  const above = results.filter((r) => r.probability >= precision).length;
  if (above === results.length) return;
  const any = anyMatch(answer);
  let text = `Below: less than ${percent(precision)} likely to match each`;
  if (above === 0) {
    text = any >= precision
      ? `No single image is ${percent(precision)} likely to match, but one of the best ${anyMatchAmong(answer)} probably does (${percent(any)})`
      : `No good match: ${percent(any)} likely that any of the best ${anyMatchAmong(answer)} matches`;
  }
  const line = element('p', above === 0 && any < precision ? 'cutoff-line no-match' : 'cutoff-line', text);
  line.setAttribute('role', 'separator');
  line.dataset.anyMatch = String(any);
  ui.results.insertBefore(line, ui.results.children[above]);
}

function fillCaptions(results) {
  const best = Math.max(...results.map((r) => r.score), 1e-6);
  ui.captions.replaceChildren(...results.map((r) => {
    const item = element('li');
    const meter = element('span', 'meter');
    // The meter is relative to the best caption: cosines of one model sit in a narrow band.
    meter.style.setProperty('--fill', `${Math.max(0, r.score / best) * 100}%`);
    item.append(element('span', 'caption', r.caption), element('span', 'score', score(r.score)), meter);
    return item;
  }));
  if (results.length === 0) ui.captions.append(element('li', 'empty', 'The index has no captions.'));
}

function markSelected(id) {
  for (const node of ui.results.querySelectorAll('.card')) {
    node.classList.toggle('selected', node.dataset.id === String(id));
  }
}

// ---- what the user does --------------------------------------------------------------------------------------------

async function search(query) {
  query = query.trim();
  if (!query) return;
  if (query.length > limits.maxQueryLength) {
    say(`The query is ${query.length} characters long; the limit is ${limits.maxQueryLength}.`, true);
    return;
  }
  say('Searching…');
  const params = { q: query };
  if (withImage?.id !== undefined) params.image = withImage.id;
  history.replaceState(null, '', `?${new URLSearchParams(params)}`);
  try {
    const started = performance.now();
    const answer = withImage?.file
      ? await upload('/api/search', withImage.file, SEARCH_K, params)
      : await api(`/api/search?${new URLSearchParams({ ...params, k: SEARCH_K })}`);
    ui.intro.hidden = true;
    showDuplicatesView(false);
    searchedQuery = answer.query;
    fillSearchResults(answer);
    showExplanation();
    const also = withImage ? ` with ${withImage.name}` : '';
    say(`${answer.results.length} best matches for “${answer.query}”${also} (${Math.round(performance.now() - started)} ms).`);
  } catch (error) {
    say(error.message, true);
  }
}

/** Shows the search results, or (true) the groups of duplicates in their place. */
function showDuplicatesView(on) {
  ui.results.hidden = on;
  ui.duplicates.hidden = !on;
  ui.duplicateControls.hidden = !on;
  ui.showDuplicates.setAttribute('aria-pressed', String(on));
  if (on) ui.cutoff.hidden = true;
}

/** One group side by side: the representative first (marked), the others with their similarity to it. */
function duplicateGroup(group, index) {
  const section = element('section', 'duplicate-group');
  section.setAttribute('aria-label', `Group ${index + 1}: ${group.size} images`);
  section.append(element('h2', 'duplicate-title', `Group ${index + 1} · ${group.size} images`));
  const row = element('div', 'duplicate-row');
  row.append(...group.images.map((image, i) => {
    const node = card({ ...image, rank: i + 1, score: image.similarity });
    node.querySelector('.rank').textContent = i === 0 ? 'representative' : 'similarity';
    if (i === 0) {
      node.classList.add('representative');
      node.querySelector('.score').textContent = '';
    }
    return node;
  }));
  section.append(row);
  return section;
}

// Answers to an earlier duplicates request (the threshold changed meanwhile) are dropped.
let duplicatesAsked = 0;

async function showDuplicates(threshold) {
  const asked = ++duplicatesAsked;
  showDuplicatesView(true);
  ui.intro.hidden = true;
  say('Looking for duplicates…');
  const params = threshold ? { view: 'duplicates', threshold } : { view: 'duplicates' };
  history.replaceState(null, '', `?${new URLSearchParams(params)}`);
  try {
    const started = performance.now();
    const answer = await api(`/api/duplicates${threshold ? `?${new URLSearchParams({ threshold })}` : ''}`);
    if (asked !== duplicatesAsked) return;
    ui.threshold.value = answer.threshold.toFixed(2);
    ui.duplicates.replaceChildren(...answer.groups.map(duplicateGroup));
    if (answer.groups.length === 0) {
      ui.duplicates.append(element('p', 'empty', 'No duplicates at this threshold. A lower one finds looser copies.'));
    }
    say(`${answer.groups.length} groups of duplicates among ${answer.images.toLocaleString()} images; ` +
      `keeping one of each would remove ${answer.redundant} (${Math.round(performance.now() - started)} ms).`);
  } catch (error) {
    if (asked === duplicatesAsked) say(error.message, true);
  }
}

function showPanel(title, imageUrl, link) {
  ui.panel.hidden = false;
  document.body.classList.add('panel-open');
  ui.title.textContent = title;
  ui.image.src = imageUrl;
  ui.image.alt = title;
  ui.link.hidden = !link;
  if (link) ui.link.href = link;
  ui.captions.replaceChildren(element('li', 'loading', 'Annotating…'));
  ui.similar.replaceChildren(element('p', 'loading', 'Looking for similar images…'));
  ui.panel.scrollTop = 0;
}

async function fillPanel(annotate, similar) {
  try {
    fillCaptions((await annotate()).results);
  } catch (error) {
    ui.captions.replaceChildren(element('li', 'error', error.message));
  }
  try {
    fillGrid(ui.similar, (await similar()).results, 'No other images in the index.');
  } catch (error) {
    ui.similar.replaceChildren(element('p', 'error', error.message));
  }
}

/** Searches go with this image (or, given null, without one) until it is removed. */
function setWithImage(image) {
  withImage = image;
  ui.withImage.hidden = !image;
  ui.withImageName.textContent = image ? image.name : '';
}

function searchWithImage(image) {
  setWithImage(image);
  if (ui.q.value.trim()) {
    search(ui.q.value);
  } else if (image) {
    say('Type words to search with the image, e.g. +sunset or -people.');
    ui.q.focus();
  }
}

async function openIndexed(result) {
  shown = { id: result.id, name: result.path, url: result.url };
  markSelected(result.id);
  showPanel(result.path, result.url, result.url);
  showExplanation();
  await fillPanel(
    () => api(`/api/annotate/${result.id}?k=${ANNOTATE_K}`),
    () => api(`/api/similar/${result.id}?k=${SIMILAR_K}`));
}

async function openUpload(file) {
  if (file.size > limits.maxUploadBytes) {
    say(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${(limits.maxUploadBytes / 1048576).toFixed(0)} MB.`, true);
    return;
  }
  shown = { file, name: file.name };
  markSelected(null);
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = URL.createObjectURL(file);
  showPanel(file.name, previewUrl, null);
  showExplanation();
  say(`Annotating ${file.name}…`);
  await fillPanel(() => upload('/api/annotate', file, ANNOTATE_K), () => upload('/api/similar', file, SIMILAR_K));
  say(`Annotated ${file.name}.`);
}

/** Each word of the explained query, tinted by its weight: the score's drop without it, relative to the largest. */
function fillWords(words) {
  const largest = Math.max(...words.map((w) => Math.abs(w.drop)), 1e-6);
  ui.explainWords.replaceChildren(...words.map((w) => {
    const word = element('span', `word ${w.drop >= 0 ? 'helps' : 'hurts'}`, w.word);
    word.style.setProperty('--weight', (Math.abs(w.drop) / largest * 0.6).toFixed(3));
    word.title = `${w.drop >= 0 ? '+' : ''}${w.drop.toFixed(3)}: the score ${w.drop >= 0 ? 'drops' : 'rises'} this much without it`;
    return word;
  }));
}

/**
 * The panel's image for the last search: with explaining on, the overlay (the regions that drive the score) and the
 * words' weights; otherwise the image itself. Only an indexed image, and only once something was searched for.
 */
async function showExplanation() {
  const image = shown;
  const can = image?.id !== undefined && Boolean(searchedQuery);
  ui.explain.hidden = !can;
  const on = can && explaining && !ui.panel.hidden;
  ui.explain.setAttribute('aria-pressed', String(on));
  ui.explainWords.hidden = !on;
  ui.explainMethod.hidden = !on;
  if (image?.url) ui.image.src = image.url;
  if (!on) return;
  const query = searchedQuery;
  ui.explainWords.replaceChildren(element('span', 'loading', `Explaining “${query}”…`));
  try {
    const method = ui.explainMethod.value;
    const answer = await api(`/api/explain?${new URLSearchParams({ image: image.id, q: query, method })}`);
    if (shown !== image || searchedQuery !== query || !explaining || ui.explainMethod.value !== method) return;
    ui.image.src = answer.overlay;
    fillWords(answer.words);
    ui.explainWords.prepend(element('span', 'score', `score ${score(answer.score)}:`));
  } catch (error) {
    ui.explainWords.replaceChildren(element('span', 'error', error.message));
  }
}

function closePanel() {
  ui.panel.hidden = true;
  document.body.classList.remove('panel-open');
  markSelected(null);
}

// ---- wiring --------------------------------------------------------------------------------------------------------

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  search(ui.q.value);
});
ui.file.addEventListener('change', () => {
  if (ui.file.files.length > 0) openUpload(ui.file.files[0]);
  ui.file.value = '';
});
ui.close.addEventListener('click', closePanel);
ui.showDuplicates.addEventListener('click', () => showDuplicates(null));
ui.threshold.addEventListener('change', () => showDuplicates(ui.threshold.value));
ui.minPrecision.addEventListener('change', () => {
  fillSearchResults(searched);
  markSelected(shown?.id ?? null);
});
ui.searchWith.addEventListener('click', () => searchWithImage(shown));
ui.explain.addEventListener('click', () => {
  explaining = !explaining;
  showExplanation();
});
ui.explainMethod.addEventListener('change', showExplanation);
ui.withoutImage.addEventListener('click', () => searchWithImage(null));
for (const chip of ui.intro.querySelectorAll('.chip')) {
  chip.addEventListener('click', () => {
    ui.q.value = chip.dataset.q;
    search(chip.dataset.q);
  });
}
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !ui.panel.hidden) closePanel();
});

// Dropping a file anywhere annotates it; the overlay shows while a file is dragged over the page.
let dragDepth = 0;
const dragsFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
document.addEventListener('dragenter', (event) => {
  if (!dragsFiles(event)) return;
  dragDepth++;
  ui.drop.hidden = false;
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) ui.drop.hidden = true;
});
document.addEventListener('dragover', (event) => {
  if (dragsFiles(event)) event.preventDefault();
});
document.addEventListener('drop', (event) => {
  if (!dragsFiles(event)) return;
  event.preventDefault();
  dragDepth = 0;
  ui.drop.hidden = true;
  if (event.dataTransfer.files.length > 0) openUpload(event.dataTransfer.files[0]);
});

async function start() {
  try {
    const stats = await api('/api/stats');
    limits = stats.limits;
    const model = [stats.model.text, stats.model.image].filter(Boolean).join(' + ');
    ui.stats.textContent =
      `${stats.images.toLocaleString()} images · ${stats.captions.toLocaleString()} captions · ` +
      `model ${stats.model.folder}${model ? ` (${model})` : ''} · ${stats.search} search`;
  } catch (error) {
    say(`The index can't be reached: ${error.message}`, true);
  }
  const params = new URLSearchParams(location.search);
  const query = params.get('q');
  const image = params.get('image');
  if (image && /^\d+$/.test(image)) setWithImage({ id: Number(image), name: `#${image}` });
  if (params.get('view') === 'duplicates') {
    await showDuplicates(params.get('threshold'));
  } else if (query) {
    ui.q.value = query;
    await search(query);
  }
}

start();
