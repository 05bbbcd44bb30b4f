// htm bound to Preact: components are written as tagged templates, so the page needs no JSX step.
import htm from 'htm';
import { h } from 'preact';

export const html = htm.bind(h);
