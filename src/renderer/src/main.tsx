import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { NoTokenScreen } from './features/connect/NoTokenScreen';
import { start } from './start';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(<StrictMode>{start() ? <App /> : <NoTokenScreen rejected={false} />}</StrictMode>);
