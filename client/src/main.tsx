import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startLanguage } from './i18n/store';
import { declareScriptFonts } from './i18n/fonts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
declareScriptFonts();
// The screen's language is loaded first, so the first paint is already in it.
void startLanguage().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
