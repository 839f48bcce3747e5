/** Translations (issue 13): the locales, the catalogue and the translator. */
export * from './locales.ts';
export { CATALOGUE_DIR, loadCatalogue, type Catalogue, type LocaleCatalogue } from './catalogue.ts';
export { MISSING_TEXT, Translator, setTranslatorReport, t, translator, type MessageArgs, type TranslatorOptions, type TranslatorProblem } from './translator.ts';
export { isText, msg, render, type Text } from './text.ts';
