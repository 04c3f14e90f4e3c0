// The bare baseline page: one element appears when the bundle has run.
const el = document.createElement('div')
el.dataset.testid = 'ready'
el.textContent = 'ready'
document.getElementById('app')?.append(el)
